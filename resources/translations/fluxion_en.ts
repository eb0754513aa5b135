<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CartModel</name>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fluxion POS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Fluxion POS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New quantity of {product}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be more than zero</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Say why, in a few words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleScreen</name>
    <message>
        <source>Scan or type a barcode or code, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park / recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready. Scan the first product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is {product} taken off?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scanned by mistake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to pay yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the sale cancelled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish, park or cancel the sale before logging out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recall the parked sales (F9) before logging out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a line first (↑/↓).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale parked ({count} waiting). F9 on an empty sale brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale recalled ({count} still parked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale completed · change {change} · total {total} / {local}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bank or terminal reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F6 Rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Back to the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F12 Complete sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F8 Remove tender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F7 Change in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+IGTF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pago Móvil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zelle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store credit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the reference of the payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total due {local} · {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still due {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref} · total due {local}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IGTF {rate} % on {base}: {igtf} ({local})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TillStatusBar</name>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synchronising with HQ (sync is not set up yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {role}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} events to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rate of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total in bolívares</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IGTF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_KeyboardDialog</name>
    <message>
        <source>OK (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong ({kind}); it was written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <source>“{text}” is not an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a quantity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
