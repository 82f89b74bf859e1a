import WebPage

/// The app's style sheet: the shared one plus the app's own rules (banner, checklist,
/// larger touch targets for tablets) and a print style sheet that leaves only the content.
enum AppStyle {
    static let css = PageStyle.base + "\n" + """
        .banner{padding:10px 24px;background:#fff4e5;color:#5c2b00;border-bottom:2px solid var(--warn);font-weight:600}
        .actions{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:center;margin:12px 0}
        .actions form{display:inline}
        .checklist td,.checklist th{vertical-align:middle}
        .checklist fieldset{border:0;margin:0;padding:0;display:flex;gap:12px;flex-wrap:wrap}
        .checklist legend{position:absolute;left:-999px}
        .checklist label{display:inline-flex;gap:4px;align-items:center;min-height:36px}
        input[type=radio],input[type=checkbox]{width:20px;height:20px}
        input[type=text],input[type=search],input[type=number],select{min-height:40px;min-width:12em}
        button,.button{min-height:40px}
        .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:0 24px}
        .tag{display:inline-block;padding:0 6px;border:1px solid var(--muted);border-radius:4px;font-size:.85rem;color:var(--muted)}
        .minutes{white-space:pre-wrap;border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--soft)}
        .print-only{display:none}
        .vh{position:absolute;left:-999px;width:1px;height:1px;overflow:hidden}
        @media print{header,.banner,.actions,.noprint,form,.skip{display:none!important}.print-only{display:block}\
        body{font-size:11pt;color:#000}main{max-width:none;padding:0}a{color:#000;text-decoration:none}\
        table{page-break-inside:auto}tr{page-break-inside:avoid}th,td{border-bottom:1px solid #000}.sign{height:2.2em}}
        """
}
