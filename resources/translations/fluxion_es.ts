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
    <message>
        <source>The back office is not available here.</source>
        <translation>La trastienda no está disponible aquí.</translation>
    </message>
    <message>
        <source>The back office is for supervisors and managers.</source>
        <translation>La trastienda es para supervisores y gerentes.</translation>
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
    <message>
        <source>Scan a barcode, or type a code or a name, then Enter</source>
        <translation>Escanee un código de barras, o escriba un código o un nombre, y Enter</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Recibo</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Desc. línea</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Desc. venta</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Discount on {product}, in percent (0 takes it off):</source>
        <translation>Descuento sobre {product}, en porcentaje (0 lo quita):</translation>
    </message>
    <message>
        <source>Discount on the whole sale, in percent (0 takes it off):</source>
        <translation>Descuento sobre toda la venta, en porcentaje (0 lo quita):</translation>
    </message>
    <message>
        <source>No receipt yet: complete a sale first.</source>
        <translation>Aún no hay recibo: complete primero una venta.</translation>
    </message>
    <message>
        <source>Finish, park or cancel the sale first.</source>
        <translation>Termine, aparque o anule primero la venta.</translation>
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
        <source>⚠ Sync stopped</source>
        <translation>⚠ Sincronización detenida</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>Synchronising with HQ</source>
        <translation>Sincronizando con casa matriz</translation>
    </message>
    <message>
        <source>HQ not reached yet</source>
        <translation>Aún sin contacto con casa matriz</translation>
    </message>
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
<context>
    <name>CashCountSheet</name>
    <message>
        <source>Cash {currency}</source>
        <translation>Efectivo {currency}</translation>
    </message>
    <message>
        <source>Counted {total}</source>
        <translation>Contado {total}</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up Fluxion POS</source>
        <translation>Configurar Fluxion POS</translation>
    </message>
    <message>
        <source>The store is a special taxpayer (charges IGTF)</source>
        <translation>La tienda es contribuyente especial (cobra IGTF)</translation>
    </message>
    <message>
        <source>Your store</source>
        <translation>Su tienda</translation>
    </message>
    <message>
        <source>As it appears on receipts.</source>
        <translation>Como aparece en los recibos.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>RIF</source>
        <translation>RIF</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Prices are in the reference currency, shown in the local one at the rate.</source>
        <translation>Los precios están en la moneda de referencia y se muestran en la local a la tasa.</translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation>Monedas</translation>
    </message>
    <message>
        <source>Reference currency</source>
        <translation>Moneda de referencia</translation>
    </message>
    <message>
        <source>Local currency</source>
        <translation>Moneda local</translation>
    </message>
    <message>
        <source>e.g. 36,50 (can be entered later)</source>
        <translation>p. ej. 36,50 (puede cargarse después)</translation>
    </message>
    <message>
        <source>Rate of the day (BCV)</source>
        <translation>Tasa del día (BCV)</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Impuestos</translation>
    </message>
    <message>
        <source>IVA per category and IGTF, in percent.</source>
        <translation>IVA por categoría e IGTF, en porcentaje.</translation>
    </message>
    <message>
        <source>IVA general %</source>
        <translation>IVA general %</translation>
    </message>
    <message>
        <source>IVA reduced %</source>
        <translation>IVA reducido %</translation>
    </message>
    <message>
        <source>IVA luxury %</source>
        <translation>IVA lujo %</translation>
    </message>
    <message>
        <source>IGTF %</source>
        <translation>IGTF %</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>The first user; they create the others.</source>
        <translation>El primer usuario; crea a los demás.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <source>Leave empty to work alone; a till set up alone cannot join an HQ later.</source>
        <translation>Déjelo vacío para trabajar sola; una caja configurada sola no puede unirse luego a una oficina central.</translation>
    </message>
    <message>
        <source>Head office (optional)</source>
        <translation>Oficina central (opcional)</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>Dirección de la oficina central</translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation>Código de un solo uso</translation>
    </message>
    <message>
        <source>This till is enrolled with HQ: Finish fetches HQ&apos;s users and catalog first.</source>
        <translation>Esta caja está inscrita en la oficina central: Finalizar trae primero sus usuarios y su catálogo.</translation>
    </message>
    <message>
        <source>Enrolment is not available here; use fluxion-pos enroll.</source>
        <translation>La inscripción no está disponible aquí; use fluxion-pos enroll.</translation>
    </message>
    <message>
        <source>Enrolled with HQ: finishing again records the rest in HQ&apos;s store.</source>
        <translation>Inscrita en la oficina central: al finalizar de nuevo, el resto se registra en su tienda.</translation>
    </message>
    <message>
        <source>The two PINs differ</source>
        <translation>Los dos PIN no coinciden</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor authorisation</source>
        <translation>Autorización del supervisor</translation>
    </message>
    <message>
        <source>supervisor's user</source>
        <translation>usuario del supervisor</translation>
    </message>
    <message>
        <source>Authorise (Enter)</source>
        <translation>Autorizar (Enter)</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Volver (Esc)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Type the supervisor's user and PIN</source>
        <translation>Escriba el usuario y el PIN del supervisor</translation>
    </message>
</context>
<context>
    <name>PercentDialog</name>
    <message>
        <source>A discount is 0 to 100 %</source>
        <translation>Un descuento va de 0 a 100 %</translation>
    </message>
</context>
<context>
    <name>PrintoutDialog</name>
    <message>
        <source>Enter Print</source>
        <translation>Enter Imprimir</translation>
    </message>
    <message>
        <source>F5 Save as PDF</source>
        <translation>F5 Guardar PDF</translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation>Esc Cerrar</translation>
    </message>
    <message>
        <source>This till has no receipt printer set up</source>
        <translation>Esta caja no tiene impresora de recibos configurada</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Impreso.</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Guardando el PDF…</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>Guardado como {path}</translation>
    </message>
    <message>
        <source>{error} (Enter tries again)</source>
        <translation>{error} (Enter lo intenta de nuevo)</translation>
    </message>
    <message>
        <source>Enter Print again</source>
        <translation>Enter Imprimir de nuevo</translation>
    </message>
</context>
<context>
    <name>ReceiptDesk</name>
    <message>
        <source>Receipt ready: F3 shows it, prints it or saves a PDF.</source>
        <translation>Recibo listo: F3 lo muestra, lo imprime o lo guarda en PDF.</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Recibo impreso.</translation>
    </message>
    <message>
        <source>Receipt not printed: {error}. F3 prints it again.</source>
        <translation>Recibo no impreso: {error}. F3 lo imprime de nuevo.</translation>
    </message>
    <message>
        <source>The receipt could not be made ({error}); the sale is saved.</source>
        <translation>No se pudo hacer el recibo ({error}); la venta está guardada.</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return against a sale</source>
        <translation>Devolución de una venta</translation>
    </message>
    <message>
        <source>Receipt number (or its last digits), or a day as YYYY-MM-DD</source>
        <translation>Número de recibo (o sus últimos dígitos), o un día como AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Vendido</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Devuelto</translation>
    </message>
    <message>
        <source>To return</source>
        <translation>A devolver</translation>
    </message>
    <message>
        <source>The goods go back on the shelf</source>
        <translation>La mercancía vuelve al anaquel</translation>
    </message>
    <message>
        <source>F2 Return everything</source>
        <translation>F2 Devolver todo</translation>
    </message>
    <message>
        <source>F12 Refund</source>
        <translation>F12 Reembolsar</translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation>Esc Cerrar</translation>
    </message>
    <message>
        <source>Refund in cash</source>
        <translation>Reembolso en efectivo</translation>
    </message>
    <message>
        <source>“{text}” is not a day</source>
        <translation>“{text}” no es un día</translation>
    </message>
    <message>
        <source>Find the sale first.</source>
        <translation>Busque primero la venta.</translation>
    </message>
    <message>
        <source>Say how much of which product comes back.</source>
        <translation>Indique cuánto de qué producto se devuelve.</translation>
    </message>
    <message>
        <source>A quantity cannot be negative</source>
        <translation>Una cantidad no puede ser negativa</translation>
    </message>
    <message>
        <source>No completed sale matches “{text}”.</source>
        <translation>Ninguna venta completada coincide con “{text}”.</translation>
    </message>
    <message>
        <source>Return done: refund {amount} ({local}) paid from the drawer.</source>
        <translation>Devolución hecha: reembolso de {amount} ({local}) pagado de la gaveta.</translation>
    </message>
    <message>
        <source>Returns are not available on this till.</source>
        <translation>Las devoluciones no están disponibles en esta caja.</translation>
    </message>
    <message>
        <source>F3 Copy of the receipt</source>
        <translation>F3 Copia del recibo</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Float {currency}</source>
        <translation>Fondo {currency}</translation>
    </message>
    <message>
        <source>Enter Open the shift</source>
        <translation>Enter Abrir el turno</translation>
    </message>
    <message>
        <source>F1 Cash in</source>
        <translation>F1 Entrada de efectivo</translation>
    </message>
    <message>
        <source>F2 Cash out</source>
        <translation>F2 Salida de efectivo</translation>
    </message>
    <message>
        <source>F3 X report</source>
        <translation>F3 Reporte X</translation>
    </message>
    <message>
        <source>F4 Count and close</source>
        <translation>F4 Contar y cerrar</translation>
    </message>
    <message>
        <source>why: change for the drawer, a supplier paid…</source>
        <translation>motivo: sencillo para la gaveta, pago a un proveedor…</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Monto</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>F12 Close the shift</source>
        <translation>F12 Cerrar el turno</translation>
    </message>
    <message>
        <source>Count the drawer, then F12 closes the shift.</source>
        <translation>Cuente la gaveta; luego F12 cierra el turno.</translation>
    </message>
    <message>
        <source>No shift is open on this till. Count the float and open one.</source>
        <translation>No hay turno abierto en esta caja. Cuente el fondo y abra uno.</translation>
    </message>
    <message>
        <source>Shift open since {at}.</source>
        <translation>Turno abierto desde {at}.</translation>
    </message>
    <message>
        <source>Shift closed.</source>
        <translation>Turno cerrado.</translation>
    </message>
    <message>
        <source>Recorded {amount}.</source>
        <translation>Registrado {amount}.</translation>
    </message>
    <message>
        <source>Moving cash needs a supervisor's PIN.</source>
        <translation>Mover efectivo requiere el PIN de un supervisor.</translation>
    </message>
    <message>
        <source>The drawer should hold {cash}.</source>
        <translation>La gaveta debería tener {cash}.</translation>
    </message>
</context>
<context>
    <name>printouts</name>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débito</translation>
    </message>
    <message>
        <source>Pago Movil</source>
        <translation>Pago Movil</translation>
    </message>
    <message>
        <source>Zelle</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation>Crédito de tienda</translation>
    </message>
    <message>
        <source>Receipt {number}</source>
        <translation>Recibo {number}</translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation>*** COPIA ***</translation>
    </message>
    <message>
        <source>Cashier: {name}</source>
        <translation>Cajero: {name}</translation>
    </message>
    <message>
        <source>Rate {source} {rate} ({day})</source>
        <translation>Tasa {source} {rate} ({day})</translation>
    </message>
    <message>
        <source>  discount {percent} %</source>
        <translation>  descuento {percent} %</translation>
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
        <source>IVA {percent} % on {base}</source>
        <translation>IVA {percent} % sobre {base}</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>Exento</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>IGTF {percent} % on {base}</source>
        <translation>IGTF {percent} % sobre {base}</translation>
    </message>
    <message>
        <source>TO PAY</source>
        <translation>A PAGAR</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Vuelto</translation>
    </message>
    <message>
        <source>Thank you for your purchase</source>
        <translation>Gracias por su compra</translation>
    </message>
    <message>
        <source>X REPORT</source>
        <translation>REPORTE X</translation>
    </message>
    <message>
        <source>Z REPORT</source>
        <translation>REPORTE Z</translation>
    </message>
    <message>
        <source>Shift {shift}</source>
        <translation>Turno {shift}</translation>
    </message>
    <message>
        <source>Opened {at}</source>
        <translation>Abierto {at}</translation>
    </message>
    <message>
        <source>Taken {at}</source>
        <translation>Emitido {at}</translation>
    </message>
    <message>
        <source>Closed {at}</source>
        <translation>Cerrado {at}</translation>
    </message>
    <message>
        <source>Sales: {sales} · refunds: {refunds}</source>
        <translation>Ventas: {sales} · devoluciones: {refunds}</translation>
    </message>
    <message>
        <source>Cash {currency}</source>
        <translation>Efectivo {currency}</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>Fondo inicial</translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation>Ventas en efectivo</translation>
    </message>
    <message>
        <source>Change given</source>
        <translation>Vuelto entregado</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Salidas</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Formas de pago</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>RETURN</source>
        <translation>DEVOLUCIÓN</translation>
    </message>
    <message>
        <source>Against receipt {number}</source>
        <translation>Sobre el recibo {number}</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>REEMBOLSO</translation>
    </message>
    <message>
        <source>%Y-%m-%d %H:%M</source>
        <translation>%d/%m/%Y %H:%M</translation>
    </message>
    <message>
        <source>%Y-%m-%d</source>
        <translation>%d/%m/%Y</translation>
    </message>
</context>
<context>
    <name>AlertsScreen</name>
    <message>
        <source>info</source>
        <translation>información</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítica</translation>
    </message>
    <message>
        <source>oversold</source>
        <translation>vendido sin existencia</translation>
    </message>
    <message>
        <source>low stock</source>
        <translation>existencia baja</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>regla</translation>
    </message>
    <message>
        <source>sales spike</source>
        <translation>pico de ventas</translation>
    </message>
    <message>
        <source>sales drop</source>
        <translation>caída de ventas</translation>
    </message>
    <message>
        <source>no sales for days</source>
        <translation>días sin ventas</translation>
    </message>
    <message>
        <source>sales rose</source>
        <translation>las ventas subieron</translation>
    </message>
    <message>
        <source>sales fell</source>
        <translation>las ventas bajaron</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Show acknowledged too</source>
        <translation>Mostrar también las vistas</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Marcar como vista</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>vista</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierta</translation>
    </message>
    <message>
        <source>Select an open alert first.</source>
        <translation>Seleccione primero una alerta abierta.</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alerta marcada como vista.</translation>
    </message>
</context>
<context>
    <name>BackOffice</name>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Inventario</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation>Pronósticos</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reportes</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>Tasa de cambio</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
</context>
<context>
    <name>BackOfficeScreen</name>
    <message>
        <source>Log in as a manager first.</source>
        <translation>Inicie sesión como gerente primero.</translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <source>Sold</source>
        <translation>Vendido</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>Pronóstico</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervalo</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Sin existencia</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>Se agota</translation>
    </message>
    <message>
        <source>units per day</source>
        <translation>unidades por día</translation>
    </message>
</context>
<context>
    <name>ForecastsScreen</name>
    <message>
        <source>Find a product to forecast</source>
        <translation>Busque un producto para pronosticar</translation>
    </message>
    <message>
        <source>Forecast now</source>
        <translation>Pronosticar ahora</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Existencia</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedir</translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation>Se agota</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Reorder suggestions</source>
        <translation>Sugerencias de reposición</translation>
    </message>
    <message>
        <source>Reorder suggestions are not available on this till.</source>
        <translation>Las sugerencias de reposición no están disponibles en esta caja.</translation>
    </message>
    <message>
        <source>Forecasts are not available on this till.</source>
        <translation>Los pronósticos no están disponibles en esta caja.</translation>
    </message>
    <message>
        <source>No sales and no forecast for this product yet.</source>
        <translation>Este producto aún no tiene ventas ni pronóstico.</translation>
    </message>
    <message>
        <source>No forecast for this product yet.</source>
        <translation>Este producto aún no tiene pronóstico.</translation>
    </message>
    <message>
        <source>Model: {model} · accuracy (MASE, below 1 beats naive): {mase}</source>
        <translation>Modelo: {model} · precisión (MASE, menos de 1 supera al ingenuo): {mase}</translation>
    </message>
    <message>
        <source>stock runs out on {day}</source>
        <translation>la existencia se agota el {day}</translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation>Pronosticando…</translation>
    </message>
    <message>
        <source>Forecast made.</source>
        <translation>Pronóstico hecho.</translation>
    </message>
    <message>
        <source>Export reorder suggestions</source>
        <translation>Exportar sugerencias de reposición</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportado a {path}.</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impuesto</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>Códigos de barras</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>general 16 %</source>
        <translation>general 16 %</translation>
    </message>
    <message>
        <source>reduced 8 %</source>
        <translation>reducido 8 %</translation>
    </message>
    <message>
        <source>luxury 31 %</source>
        <translation>lujo 31 %</translation>
    </message>
    <message>
        <source>exempt</source>
        <translation>exento</translation>
    </message>
    <message>
        <source>local</source>
        <translation>local</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>casa matriz</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importado</translation>
    </message>
</context>
<context>
    <name>ProductsScreen</name>
    <message>
        <source>Search by name, SKU or barcode</source>
        <translation>Buscar por nombre, SKU o código de barras</translation>
    </message>
    <message>
        <source>piece</source>
        <translation>pieza</translation>
    </message>
    <message>
        <source>kg (weighed)</source>
        <translation>kg (pesado)</translation>
    </message>
    <message>
        <source>barcodes, separated by spaces</source>
        <translation>códigos de barras, separados por espacios</translation>
    </message>
    <message>
        <source>Sold at the till</source>
        <translation>Se vende en caja</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Producto nuevo</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>Marcar revisado</translation>
    </message>
    <message>
        <source>An imported product waits for a manager to check it</source>
        <translation>Un producto importado espera que un gerente lo revise</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Price (net of IVA)</source>
        <translation>Precio (sin IVA)</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impuesto</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>Códigos de barras</translation>
    </message>
    <message>
        <source>HQ sets this product: change it at HQ.</source>
        <translation>Este producto lo define casa matriz: cámbielo allá.</translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Guardado {name}.</translation>
    </message>
    <message>
        <source>Product created.</source>
        <translation>Producto creado.</translation>
    </message>
</context>
<context>
    <name>RatesScreen</name>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Record rate</source>
        <translation>Registrar tasa</translation>
    </message>
    <message>
        <source>Rate (bolívares per dollar)</source>
        <translation>Tasa (bolívares por dólar)</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>Fecha de vigencia</translation>
    </message>
    <message>
        <source>Rate of the day</source>
        <translation>Tasa del día</translation>
    </message>
    <message>
        <source>No rate recorded</source>
        <translation>No hay tasa registrada</translation>
    </message>
    <message>
        <source>Rate recorded.</source>
        <translation>Tasa registrada.</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>Ventas netas</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Products sold</source>
        <translation>Productos vendidos</translation>
    </message>
    <message>
        <source>Imported sales</source>
        <translation>Ventas importadas</translation>
    </message>
    <message>
        <source>Imported units</source>
        <translation>Unidades importadas</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Apertura</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <source>Sales by day</source>
        <translation>Ventas por día</translation>
    </message>
    <message>
        <source>Sales by product</source>
        <translation>Ventas por producto</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Turnos</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>El período termina antes de empezar.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Special taxpayer (charges IGTF)</source>
        <translation>Contribuyente especial (cobra IGTF)</translation>
    </message>
    <message>
        <source>block the sale</source>
        <translation>bloquear la venta</translation>
    </message>
    <message>
        <source>warn and sell</source>
        <translation>avisar y vender</translation>
    </message>
    <message>
        <source>sell with a manager's PIN</source>
        <translation>vender con el PIN de un gerente</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar configuración</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>Nombre de la tienda</translation>
    </message>
    <message>
        <source>RIF</source>
        <translation>RIF</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>IVA general %</source>
        <translation>IVA general %</translation>
    </message>
    <message>
        <source>IVA reduced %</source>
        <translation>IVA reducido %</translation>
    </message>
    <message>
        <source>IVA luxury %</source>
        <translation>IVA de lujo %</translation>
    </message>
    <message>
        <source>IGTF %</source>
        <translation>IGTF %</translation>
    </message>
    <message>
        <source>Selling without stock</source>
        <translation>Vender sin existencia</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Impresora de recibos</translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation>Dirección de casa matriz</translation>
    </message>
    <message>
        <source>none: receipts go to PDF (printer.json sets one)</source>
        <translation>ninguna: los recibos van a PDF (printer.json configura una)</translation>
    </message>
    <message>
        <source>not enrolled with HQ</source>
        <translation>no inscrita en casa matriz</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>ok</source>
        <translation>bien</translation>
    </message>
    <message>
        <source>low</source>
        <translation>baja</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>agotado</translation>
    </message>
    <message>
        <source>overstock</source>
        <translation>exceso</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Existencia</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>Mínimo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Only low and out of stock</source>
        <translation>Solo bajos y agotados</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Mostrar más</translation>
    </message>
    <message>
        <source>Search by name, SKU or barcode, then Enter</source>
        <translation>Buscar por nombre, SKU o código de barras, luego Intro</translation>
    </message>
    <message>
        <source>Select a product</source>
        <translation>Seleccione un producto</translation>
    </message>
    <message>
        <source>quantity (negative to take out)</source>
        <translation>cantidad (negativa para restar)</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>dañado</translation>
    </message>
    <message>
        <source>theft</source>
        <translation>robo</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>vencido</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>corrección</translation>
    </message>
    <message>
        <source>other (say why)</source>
        <translation>otro (diga por qué)</translation>
    </message>
    <message>
        <source>the sender's transfer number</source>
        <translation>el número de traslado del remitente</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Note / reference</source>
        <translation>Nota / referencia</translation>
    </message>
    <message>
        <source>Other store</source>
        <translation>Otra tienda</translation>
    </message>
    <message>
        <source>Transfer number</source>
        <translation>Número de traslado</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Recibir</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Count (set on hand)</source>
        <translation>Conteo (fija la existencia)</translation>
    </message>
    <message>
        <source>Set minimum</source>
        <translation>Fijar mínimo</translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation>Enviar traslado</translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation>Recibir traslado</translation>
    </message>
    <message>
        <source>Say which store it goes to.</source>
        <translation>Indique a qué tienda va.</translation>
    </message>
    <message>
        <source>Transfer number for the other store: {number}</source>
        <translation>Número de traslado para la otra tienda: {number}</translation>
    </message>
    <message>
        <source>Say which store sent it and its transfer number.</source>
        <translation>Indique qué tienda lo envió y su número de traslado.</translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation>Seleccione primero un producto.</translation>
    </message>
    <message>
        <source>Recorded for {name}.</source>
        <translation>Registrado para {name}.</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Copy diagnostics</source>
        <translation>Copiar diagnóstico</translation>
    </message>
    <message>
        <source>Logs and status for support, without PINs, tokens or passwords</source>
        <translation>Registros y estado para soporte, sin PIN, tokens ni contraseñas</translation>
    </message>
    <message>
        <source>Diagnostics copied: paste them into your message to support.</source>
        <translation>Diagnóstico copiado: péguelo en su mensaje a soporte.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Events waiting for HQ</source>
        <translation>Eventos por enviar a casa matriz</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Último éxito</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Sync is not set up on this till</source>
        <translation>La sincronización no está configurada en esta caja</translation>
    </message>
    <message>
        <source>Not enrolled with HQ</source>
        <translation>No inscrita en casa matriz</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Sync requested; the figures above update as it runs.</source>
        <translation>Sincronización solicitada; las cifras se actualizan a medida que avanza.</translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
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
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Create user</source>
        <translation>Crear usuario</translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation>Cambiar PIN</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Cambiar rol</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Seleccione primero un usuario.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
</TS>
