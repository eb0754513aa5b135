<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>CartModel</name>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Cant.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>user</source>
        <translation>usuario</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Log in (Enter)</source>
        <translation>Entrar (Intro)</translation>
    </message>
    <message>
        <source>Fluxion POS</source>
        <translation>Fluxion POS</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Type your user name</source>
        <translation>Escriba su nombre de usuario</translation>
    </message>
    <message>
        <source>Type your PIN</source>
        <translation>Escriba su PIN</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fluxion POS</source>
        <translation>Fluxion POS</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>New quantity of {product}:</source>
        <translation>Nueva cantidad de {product}:</translation>
    </message>
    <message>
        <source>The quantity must be more than zero</source>
        <translation>La cantidad debe ser mayor que cero</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Say why, in a few words</source>
        <translation>Diga por qué, en pocas palabras</translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan or type a barcode or code, then Enter</source>
        <translation>Escanee o escriba un código de barras o código, luego Intro</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Void line</source>
        <translation>Anular línea</translation>
    </message>
    <message>
        <source>Park / recall</source>
        <translation>Aparcar / recuperar</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Cobrar</translation>
    </message>
    <message>
        <source>Cancel sale</source>
        <translation>Cancelar venta</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Ready. Scan the first product.</source>
        <translation>Listo. Escanee el primer producto.</translation>
    </message>
    <message>
        <source>Why is {product} taken off?</source>
        <translation>¿Por qué se quita {product}?</translation>
    </message>
    <message>
        <source>scanned by mistake</source>
        <translation>escaneado por error</translation>
    </message>
    <message>
        <source>There is nothing to pay yet.</source>
        <translation>Todavía no hay nada que cobrar.</translation>
    </message>
    <message>
        <source>Cancel the sale</source>
        <translation>Cancelar la venta</translation>
    </message>
    <message>
        <source>Why is the sale cancelled?</source>
        <translation>¿Por qué se cancela la venta?</translation>
    </message>
    <message>
        <source>customer left</source>
        <translation>el cliente se fue</translation>
    </message>
    <message>
        <source>Finish, park or cancel the sale before logging out.</source>
        <translation>Termine, aparque o cancele la venta antes de salir.</translation>
    </message>
    <message>
        <source>Recall the parked sales (F9) before logging out.</source>
        <translation>Recupere las ventas aparcadas (F9) antes de salir.</translation>
    </message>
    <message>
        <source>Select a line first (↑/↓).</source>
        <translation>Primero seleccione una línea (↑/↓).</translation>
    </message>
    <message>
        <source>Sale parked ({count} waiting). F9 on an empty sale brings it back.</source>
        <translation>Venta aparcada ({count} en espera). F9 con la venta vacía la recupera.</translation>
    </message>
    <message>
        <source>Sale recalled ({count} still parked).</source>
        <translation>Venta recuperada ({count} aún aparcadas).</translation>
    </message>
    <message>
        <source>Sale completed · change {change} · total {total} / {local}</source>
        <translation>Venta completada · vuelto {change} · total {total} / {local}</translation>
    </message>
    <message>
        <source>Sale cancelled.</source>
        <translation>Venta cancelada.</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>bank or terminal reference</source>
        <translation>referencia del banco o del punto</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>F6 Rest</source>
        <translation>F6 Resto</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referencia</translation>
    </message>
    <message>
        <source>Enter Add</source>
        <translation>Intro Agregar</translation>
    </message>
    <message>
        <source>Esc Back to the sale</source>
        <translation>Esc Volver a la venta</translation>
    </message>
    <message>
        <source>F12 Complete sale</source>
        <translation>F12 Completar venta</translation>
    </message>
    <message>
        <source>Quick cash</source>
        <translation>Efectivo rápido</translation>
    </message>
    <message>
        <source>F8 Remove tender</source>
        <translation>F8 Quitar pago</translation>
    </message>
    <message>
        <source>F7 Change in</source>
        <translation>F7 Vuelto en</translation>
    </message>
    <message>
        <source>+IGTF</source>
        <translation>+IGTF</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débito</translation>
    </message>
    <message>
        <source>Pago Móvil</source>
        <translation>Pago Móvil</translation>
    </message>
    <message>
        <source>Zelle</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Crédito de la tienda</translation>
    </message>
    <message>
        <source>Type the reference of the payment</source>
        <translation>Escriba la referencia del pago</translation>
    </message>
    <message>
        <source>Paid in full</source>
        <translation>Pagado por completo</translation>
    </message>
    <message>
        <source>Total due {local} · {ref}</source>
        <translation>Total a pagar {local} · {ref}</translation>
    </message>
    <message>
        <source>Still due {amount}</source>
        <translation>Falta por pagar {amount}</translation>
    </message>
    <message>
        <source>{ref} · total due {local}</source>
        <translation>{ref} · total a pagar {local}</translation>
    </message>
    <message>
        <source>IGTF {rate} % on {base}: {igtf} ({local})</source>
        <translation>IGTF {rate} % sobre {base}: {igtf} ({local})</translation>
    </message>
    <message>
        <source>Change {amount}</source>
        <translation>Vuelto {amount}</translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <source>Not synchronising with HQ (sync is not set up yet)</source>
        <translation>Sin sincronizar con la central (la sincronización aún no está configurada)</translation>
    </message>
    <message>
        <source>Nobody logged in</source>
        <translation>Nadie ha iniciado sesión</translation>
    </message>
    <message>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>cajero</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>gerente</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>{count} events to sync</source>
        <translation>{count} eventos por sincronizar</translation>
    </message>
    <message>
        <source>No rate of the day</source>
        <translation>Sin tasa del día</translation>
    </message>
    <message>
        <source>status unavailable</source>
        <translation>estado no disponible</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Rate of the day</source>
        <translation>Tasa del día</translation>
    </message>
    <message>
        <source>Total in bolívares</source>
        <translation>Total en bolívares</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Descuentos</translation>
    </message>
    <message>
        <source>IVA</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>IGTF</source>
        <translation>IGTF</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
</context>
<context>
    <name>_KeyboardDialog</name>
    <message>
        <source>OK (Enter)</source>
        <translation>Aceptar (Intro)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Volver (Esc)</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong ({kind}); it was written to the log.</source>
        <translation>Algo salió mal ({kind}); quedó escrito en el registro.</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <source>“{text}” is not an amount</source>
        <translation>«{text}» no es un monto</translation>
    </message>
    <message>
        <source>“{text}” is not a quantity</source>
        <translation>«{text}» no es una cantidad</translation>
    </message>
</context>
</TS>
