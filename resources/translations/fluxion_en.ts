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
    <message>
        <source>The back office is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The back office is for supervisors and managers.</source>
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
    <message>
        <source>Scan a barcode, or type a code or a name, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on {product}, in percent (0 takes it off):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount on the whole sale, in percent (0 takes it off):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No receipt yet: complete a sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish, park or cancel the sale first.</source>
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
        <source>⚠ Sync stopped</source>
        <translation>⚠ Sync stopped</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>Synchronising with HQ</source>
        <translation>Synchronising with HQ</translation>
    </message>
    <message>
        <source>HQ not reached yet</source>
        <translation>HQ not reached yet</translation>
    </message>
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
<context>
    <name>CashCountSheet</name>
    <message>
        <source>Cash {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted {total}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up Fluxion POS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is a special taxpayer (charges IGTF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As it appears on receipts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices are in the reference currency, shown in the local one at the rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 36,50 (can be entered later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate of the day (BCV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA per category and IGTF, in percent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA general %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA reduced %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA luxury %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IGTF %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first user; they create the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to work alone; a till set up alone cannot join an HQ later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head office (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till is enrolled with HQ: Finish fetches HQ&apos;s users and catalog first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment is not available here; use fluxion-pos enroll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled with HQ: finishing again records the rest in HQ&apos;s store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor authorisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor's user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorise (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the supervisor's user and PIN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PercentDialog</name>
    <message>
        <source>A discount is 0 to 100 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintoutDialog</name>
    <message>
        <source>Enter Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5 Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This till has no receipt printer set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{error} (Enter tries again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Print again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptDesk</name>
    <message>
        <source>Receipt ready: F3 shows it, prints it or saves a PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt not printed: {error}. F3 prints it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt could not be made ({error}); the sale is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return against a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt number (or its last digits), or a day as YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The goods go back on the shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 Return everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F12 Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund in cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{text}” is not a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the sale first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say how much of which product comes back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quantity cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No completed sale matches “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return done: refund {amount} ({local}) paid from the drawer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns are not available on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F3 Copy of the receipt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Float {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter Open the shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1 Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2 Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F3 X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F4 Count and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why: change for the drawer, a supplier paid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F12 Close the shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the drawer, then F12 closes the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shift is open on this till. Count the float and open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift open since {at}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving cash needs a supervisor's PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drawer should hold {cash}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>printouts</name>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pago Movil</source>
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
        <source>Receipt {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>*** COPY ***</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate {source} {rate} ({day})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  discount {percent} %</source>
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
        <source>IVA {percent} % on {base}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IGTF {percent} % on {base}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TO PAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for your purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X REPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Z REPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift {shift}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales: {sales} · refunds: {refunds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETURN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Against receipt {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%Y-%m-%d %H:%M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%Y-%m-%d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertsScreen</name>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oversold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales spike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sales for days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales rose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales fell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show acknowledged too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an open alert first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackOffice</name>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecasts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackOfficeScreen</name>
    <message>
        <source>Log in as a manager first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastChart</name>
    <message>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>units per day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForecastsScreen</name>
    <message>
        <source>Find a product to forecast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder suggestions are not available on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecasts are not available on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sales and no forecast for this product yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No forecast for this product yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: {model} · accuracy (MASE, below 1 beats naive): {mase}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stock runs out on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forecast made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reorder suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>general 16 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reduced 8 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>luxury 31 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductsScreen</name>
    <message>
        <source>Search by name, SKU or barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>piece</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kg (weighed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barcodes, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sold at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An imported product waits for a manager to check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price (net of IVA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ sets this product: change it at HQ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatesScreen</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (bolívares per dollar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rate recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales by product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Special taxpayer (charges IGTF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block the sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warn and sell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sell with a manager's PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA general %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA reduced %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IVA luxury %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IGTF %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selling without stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: receipts go to PDF (printer.json sets one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not enrolled with HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overstock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only low and out of stock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, SKU or barcode, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity (negative to take out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other (say why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sender's transfer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note / reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count (set on hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which store it goes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer number for the other store: {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say which store sent it and its transfer number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded for {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Copy diagnostics</source>
        <translation>Copy diagnostics</translation>
    </message>
    <message>
        <source>Logs and status for support, without PINs, tokens or passwords</source>
        <translation>Logs and status for support, without PINs, tokens or passwords</translation>
    </message>
    <message>
        <source>Diagnostics copied: paste them into your message to support.</source>
        <translation>Diagnostics copied: paste them into your message to support.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events waiting for HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync is not set up on this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled with HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync requested; the figures above update as it runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersScreen</name>
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
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
