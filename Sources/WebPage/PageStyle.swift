/// The style sheet shared by the admin dashboard and the field app, sent inline in every
/// page (no external assets: the server may run on a network without internet, the app on
/// a laptop without one). Colours keep at least 4.5:1 contrast; the layout works from
/// tablet width (768 px) up, and narrower still without overlap.
public enum PageStyle {
    /// The shared rules; each page set may append its own.
    public static let base = """
        :root{--fg:#1b1f24;--muted:#4a5360;--bg:#fff;--line:#c9ced6;--accent:#0b57a4;--warn:#8a3b00;--bad:#a4161a;\
        --pushes:#0b57a4;--pulls:#2e7d32;--conflicts:#a4161a;--soft:#f3f5f8}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:8px 24px;background:#102a43;color:#fff}
        header .brand{margin:0;font-weight:700}
        header nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0;list-style:none}
        header a{color:#fff;text-decoration:none;padding:6px 2px;border-bottom:3px solid transparent}
        header a[aria-current=page]{border-bottom-color:#7cc4fa}
        header a:hover{text-decoration:underline}
        header .logout{margin-left:auto}
        main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
        h1{font-size:1.6rem;margin:8px 0 16px}h2{font-size:1.25rem;margin:28px 0 8px}
        a{color:var(--accent)}
        :focus-visible{outline:3px solid #f5a623;outline-offset:2px}
        table{border-collapse:collapse;width:100%;margin:8px 0}
        th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
        thead th{background:var(--soft)}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px;margin:0;padding:0;list-style:none}
        .card{border:1px solid var(--line);border-radius:6px;padding:12px 16px;background:var(--soft)}
        .card .big{display:block;font-size:2rem;font-weight:700}
        .card.alert{border-color:var(--bad)}
        .muted{color:var(--muted)}
        .notice{padding:8px 12px;border-left:4px solid var(--accent);background:var(--soft)}
        .notice.error{border-left-color:var(--bad);color:var(--bad);background:#fdecec}
        form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}
        form.filters div,.field{display:flex;flex-direction:column;gap:2px}
        .field{margin:8px 0}
        input,select,textarea,button{font:inherit}
        input[type=text],select,textarea{padding:6px 8px;border:1px solid #6b7480;border-radius:4px;background:#fff;color:var(--fg)}
        textarea{width:100%;min-height:4em}
        button,.button{display:inline-block;padding:6px 14px;border:1px solid var(--accent);border-radius:4px;\
        background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
        button.secondary,.button.secondary{background:#fff;color:var(--accent)}
        button.danger{background:var(--bad);border-color:var(--bad)}
        header button{background:transparent;border-color:#fff}
        fieldset{border:1px solid var(--line);border-radius:6px;margin:16px 0;padding:8px 16px 16px}
        legend{font-weight:700;padding:0 4px}
        .values{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px;margin:8px 0}
        .value{border:1px solid var(--line);border-radius:6px;padding:8px 12px}
        .value label{font-weight:700;display:flex;gap:8px;align-items:center}
        .value pre{white-space:pre-wrap;word-break:break-word;background:var(--soft);padding:6px;margin:6px 0}
        .value dl{display:grid;grid-template-columns:auto 1fr;gap:0 8px;margin:0}
        .value dt{color:var(--muted)}.value dd{margin:0}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 8px}.facts dt{color:var(--muted)}\
        .facts dd{margin:0}
        .redacted{font-style:italic;color:var(--muted)}
        .code{font:700 1.6rem/1.2 ui-monospace,monospace;letter-spacing:.1em}
        .chart svg{width:100%;height:auto;max-width:900px}
        .legend{display:flex;gap:16px;flex-wrap:wrap;padding:0;list-style:none}
        .swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
        .pager{display:flex;gap:12px;align-items:center}
        @media (max-width:900px){main{padding:12px}header{padding:8px 12px}th,td{padding:4px 6px}}
        @media (max-width:700px){table.responsive thead{display:none}table.responsive tr{display:block;border-bottom:2px solid var(--line)}\
        table.responsive td,table.responsive th{display:block;border:0}}
        """
}
