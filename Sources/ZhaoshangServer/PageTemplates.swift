/// The pages' Mustache templates, compiled into the binary. `{{x}}` escapes HTML; no template uses `{{{x}}}`,
/// so every name, destination and reason is shown as text. No page carries a script.
enum PageTemplates {
  static let all: [String: String] = [
    "header": header, "footer": footer, "login": login, "unit": unit, "tripForm": tripForm, "office": office,
    "review": review, "bulletin": bulletin, "roster": roster, "error": error, "tripUpload": tripUpload,
    "explanations": explanations, "owing": owing,
  ]

  static let header = """
    <!DOCTYPE html>
    <html lang="{{lang}}">
    <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{t.app}}</title><link rel="stylesheet" href="/static/app.css"></head>
    <body>
    <header class="bar"><span class="app">{{t.app}}</span>
    {{#user}}<nav><a href="/">{{t.home}}</a>{{#isUnit}} <a href="/trips/upload">{{t.uploadTrips}}</a> <a href="/unit/explanations">{{t.explanations}}</a>{{/isUnit}}{{#isOffice}} <a href="/office/review">{{t.review}}{{#pendingCount}} ({{pendingCount}}){{/pendingCount}}</a> <a href="/office/bulletin?month={{month}}">{{t.bulletin}}</a> <a href="/office/explanations?month={{month}}">{{t.owing}}</a> <a href="/office/roster?month={{month}}">{{t.roster}}</a> <a href="/trips/upload">{{t.uploadTrips}}</a>{{/isOffice}}{{#isViewer}} <a href="/office/review">{{t.review}}</a> <a href="/office/bulletin?month={{month}}">{{t.bulletin}}</a> <a href="/office/explanations?month={{month}}">{{t.owing}}</a> <a href="/office/roster?month={{month}}">{{t.roster}}</a>{{/isViewer}}</nav>
    <span class="who">{{user.describe}}</span>
    <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button>{{t.logout}}</button></form>{{/user}}
    <a class="lang" href="?lang={{otherLang}}{{#month}}&amp;month={{month}}{{/month}}">{{t.otherLanguage}}</a>
    </header>
    <main>
    """

  static let footer = """
    </main>
    </body>
    </html>
    """

  static let login = """
    {{> header}}
    <h1>{{t.login}}</h1>
    {{#hasProblems}}<div class="problems" role="alert"><ul>{{#problems}}<li>{{message}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    <form method="post" action="/login" class="card narrow">
    <label>{{t.loginName}} <input name="login" value="{{login}}" autocomplete="username" required autofocus></label>
    <label>{{t.password}} <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit" class="primary">{{t.login}}</button>
    </form>
    {{> footer}}
    """

  static let monthPicker = """
    <form method="get" class="month noprint"><label>{{t.month}} <input name="month" value="{{month}}" pattern="[0-9]{4}-[0-9]{2}" size="8"></label> <button>{{t.show}}</button></form>
    """

  static let unit = """
    {{> header}}
    <h1>{{unitName}} · {{monthTitle}}</h1>
    \(monthPicker)
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#hasWarnings}}<div class="problems" role="alert">{{#warnings}}<p>{{.}}</p>{{/warnings}}</div>{{/hasWarnings}}
    {{#soFar}}<p class="notice">{{soFar}}</p>{{/soFar}}
    <h2>{{t.monthReport}}</h2>
    {{#reported}}<p class="notice" id="month-report">{{reported}}</p>{{/reported}}
    {{^reported}}<p id="month-report">{{reportState}}</p><p class="noprint">{{t.reportHint}}</p>{{#canReport}}<p class="noprint"><form method="post" action="/unit/report" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}"><button class="primary">{{t.reportMonth}}</button></form> <form method="post" action="/unit/report" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}"><input type="hidden" name="none" value="1"><button>{{t.reportNone}}</button></form></p>{{/canReport}}{{/reported}}
    <h2>{{t.heads}}</h2>
    <table class="grid">
    <thead><tr><th>{{t.name}}</th><th>{{t.role}}</th><th class="n">{{t.counted}}</th><th class="n">{{t.pending}}</th><th class="n">{{t.required}}</th><th class="n">{{t.daysLeft}}</th><th>{{t.warning}}</th></tr></thead>
    <tbody>{{#heads}}<tr class="{{#warning}}warn{{/warning}}"><td>{{name}}</td><td>{{role}}</td><td class="n">{{counted}}</td><td class="n">{{pending}}</td><td class="n">{{required}}</td><td class="n">{{daysLeft}}</td><td>{{warning}}</td></tr>{{/heads}}</tbody>
    </table>
    <h2>{{t.trips}}</h2>
    <p class="noprint"><a class="button primary" href="/unit/trips/new">{{t.newTrip}}</a> <a class="button" href="/trips/upload">{{t.uploadTrips}}</a> <a class="button" href="/unit/explanations">{{t.explanations}}</a></p>
    {{^hasTrips}}<p>{{t.noTrips}}</p>{{/hasTrips}}
    {{#hasTrips}}<table class="grid">
    <thead><tr><th>{{t.id}}</th><th>{{t.name}}</th><th>{{t.from}}</th><th>{{t.to}}</th><th>{{t.destination}}</th><th>{{t.status}}</th><th class="noprint">{{t.actions}}</th></tr></thead>
    <tbody>{{/hasTrips}}{{#trips}}<tr class="status-{{statusKey}}"><td>{{id}}</td><td>{{name}}</td><td>{{from}}</td><td>{{to}}</td><td>{{destination}}</td><td>{{status}}{{#returnReason}}<br><span class="reason">{{t.returnReason}}：{{returnReason}}</span>{{/returnReason}}</td>
    <td class="noprint">{{#canResubmit}}<form method="post" action="/unit/trips/{{id}}/resubmit" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button>{{t.resubmit}}</button></form> <a href="/unit/trips/{{id}}/correct">{{t.correct}}</a> {{/canResubmit}}{{#canWithdraw}}<form method="post" action="/unit/trips/{{id}}/withdraw" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button>{{t.withdraw}}</button></form>{{/canWithdraw}}</td></tr>{{/trips}}{{#hasTrips}}</tbody></table>{{/hasTrips}}
    {{> footer}}
    """

  static let tripForm = """
    {{> header}}
    <h1>{{formTitle}}</h1>
    {{#hasProblems}}<div class="problems" role="alert"><p>{{t.problems}}</p><ul>{{#problems}}<li>{{message}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    <form method="post" action="{{action}}" class="card">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <fieldset><legend>{{t.selectHeads}}</legend>{{#errors.names}}<p class="field-problem" id="names-problem">{{errors.names}}</p>{{/errors.names}}
    {{#heads}}<label class="check"><input type="checkbox" name="heads[]" value="{{name}}"{{#checked}} checked{{/checked}}> {{name}}（{{role}}）</label>{{/heads}}
    </fieldset>
    <div class="row"><label>{{t.from}} <input type="date" name="from" value="{{from}}" required>{{#errors.from}} <span class="field-problem" id="from-problem">{{errors.from}}</span>{{/errors.from}}</label>
    <label><input type="checkbox" name="from_afternoon" value="1"{{#fromAfternoon}} checked{{/fromAfternoon}}> {{t.afternoon}}</label></div>
    <div class="row"><label>{{t.to}} <input type="date" name="to" value="{{to}}" required>{{#errors.to}} <span class="field-problem" id="to-problem">{{errors.to}}</span>{{/errors.to}}</label>
    <label><input type="checkbox" name="to_morning" value="1"{{#toMorning}} checked{{/toMorning}}> {{t.morning}}</label></div>
    <label>{{t.kind}} <select name="kind">{{#kinds}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/kinds}}</select>{{#errors.kind}} <span class="field-problem" id="kind-problem">{{errors.kind}}</span>{{/errors.kind}}</label>
    <label>{{t.destination}} <input name="destination" value="{{destination}}" required maxlength="200">{{#errors.destination}} <span class="field-problem" id="destination-problem">{{errors.destination}}</span>{{/errors.destination}}</label>
    <label>{{t.purpose}} <input name="purpose" value="{{purpose}}" maxlength="500">{{#errors.purpose}} <span class="field-problem" id="purpose-problem">{{errors.purpose}}</span>{{/errors.purpose}}</label>
    <label>{{t.companies}} <input name="companies" value="{{companies}}" maxlength="1000">{{#errors.companies}} <span class="field-problem" id="companies-problem">{{errors.companies}}</span>{{/errors.companies}}</label>
    <button type="submit" class="primary">{{t.submit}}</button>
    </form>
    {{> footer}}
    """

  static let office = """
    {{> header}}
    <h1>{{t.office}} · {{monthTitle}}</h1>
    \(monthPicker)
    {{#readOnly}}<p class="notice">{{t.readOnly}}</p>{{/readOnly}}
    {{#closed}}<p class="notice" role="status">{{closed}}</p>{{/closed}}
    {{#hasWarnings}}<div class="problems" role="alert">{{#warnings}}<p>{{.}}</p>{{/warnings}}</div>{{/hasWarnings}}
    {{#soFar}}<p class="notice">{{soFar}}</p>{{/soFar}}
    {{#hasUnreported}}<p id="not-reported"><strong>{{t.notReported}}（{{unreportedCount}}）：</strong>{{unreported}}</p>{{/hasUnreported}}{{^hasUnreported}}<p id="not-reported">{{t.allReported}}</p>{{/hasUnreported}}
    <p class="noprint"><a class="button" href="/office/explanations?month={{month}}">{{t.owingLink}}</a></p>
    {{#canClose}}<div class="noprint closing">
    {{^closed}}<form method="post" action="/office/close" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}"><label><input type="checkbox" name="force" value="1"> {{t.force}}</label> <button>{{t.closeMonth}}</button></form>{{/closed}}
    {{#closed}}<form method="post" action="/office/reopen" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}"><input name="reason" required maxlength="500" placeholder="{{t.reopenReason}}" aria-label="{{t.reopenReason}}"> <button>{{t.reopenMonth}}</button></form>{{/closed}}
    </div>{{/canClose}}
    <table class="grid">
    <thead><tr><th>{{t.unit}}</th><th>{{t.tier}}</th><th>{{t.status}}</th><th class="n">{{t.people_out}}</th><th class="n">{{t.personDays}}</th></tr></thead>
    <tbody>{{#units}}<tr class="unit-{{statusKey}}"><td>{{unit}}</td><td>{{tier}}</td><td>{{status}}</td><td class="n">{{peopleOut}}</td><td class="n">{{personDays}}</td></tr>{{/units}}</tbody>
    </table>
    <h2>{{t.heads}}</h2>
    <table class="grid">
    <thead><tr><th>{{t.unit}}</th><th>{{t.name}}</th><th>{{t.role}}</th><th class="n">{{t.counted}}</th><th class="n">{{t.pending}}</th><th class="n">{{t.required}}</th><th class="n">{{t.daysLeft}}</th><th>{{t.warning}}</th></tr></thead>
    <tbody>{{#heads}}<tr class="{{#warning}}warn{{/warning}}"><td>{{unit}}</td><td>{{name}}</td><td>{{role}}</td><td class="n">{{counted}}</td><td class="n">{{pending}}</td><td class="n">{{required}}</td><td class="n">{{daysLeft}}</td><td>{{warning}}</td></tr>{{/heads}}</tbody>
    </table>
    {{> footer}}
    """

  static let review = """
    {{> header}}
    <h1>{{t.reviewQueue}}</h1>
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{^hasTrips}}<p>{{t.nothingPending}}</p>{{/hasTrips}}
    {{#hasTrips}}
    {{#canReview}}<form method="post" action="/office/review/approve" id="approve">
    <input type="hidden" name="csrf" value="{{csrf}}">{{/canReview}}
    <table class="grid">
    <thead><tr><th></th><th>{{t.id}}</th><th>{{t.unit}}</th><th>{{t.name}}</th><th>{{t.from}}</th><th>{{t.to}}</th><th>{{t.destination}}</th><th>{{t.purpose}}</th><th>{{t.companies}}</th></tr></thead>
    <tbody>{{/hasTrips}}{{#trips}}<tr><td>{{#canReview}}<input type="checkbox" name="ids[]" value="{{id}}" aria-label="{{id}}">{{/canReview}}</td><td>{{id}}</td><td>{{unit}}</td><td>{{name}}</td><td>{{from}}</td><td>{{to}}</td><td>{{destination}}</td><td>{{purpose}}</td><td>{{companies}}</td></tr>{{/trips}}{{#hasTrips}}</tbody>
    </table>
    {{#canReview}}<button type="submit" class="primary">{{t.approveSelected}}</button>
    </form>{{/canReview}}
    {{#canReview}}<h2>{{t.returnTrip}}</h2>
    {{#trips}}<form method="post" action="/office/review/{{id}}/return" class="inline-row"><input type="hidden" name="csrf" value="{{csrf}}">
    <span>#{{id}} {{unit}} {{name}} {{destination}}</span> <input name="reason" placeholder="{{t.returnReason}}" required maxlength="500" aria-label="{{t.returnReason}} #{{id}}"> <button>{{t.returnTrip}}</button></form>{{/trips}}{{/canReview}}
    {{/hasTrips}}
    {{> footer}}
    """

  static let roster = """
    {{> header}}
    <h1>{{t.roster}} · {{monthTitle}}</h1>
    \(monthPicker)
    <table class="grid">
    <thead><tr><th>{{t.unit}}</th><th>{{t.name}}</th><th>{{t.role}}</th><th>{{t.tenure}}</th></tr></thead>
    <tbody>{{#posts}}<tr><td>{{unit}}</td><td>{{name}}</td><td>{{role}}</td><td>{{tenure}}</td></tr>{{/posts}}</tbody>
    </table>
    <h2>{{t.leave}}</h2>
    {{^hasLeaves}}<p>{{t.noLeave}}</p>{{/hasLeaves}}
    {{#hasLeaves}}<table class="grid">
    <thead><tr><th>{{t.unit}}</th><th>{{t.name}}</th><th>{{t.from}}</th><th>{{t.to}}</th><th>{{t.reason}}</th></tr></thead>
    <tbody>{{#leaves}}<tr><td>{{unit}}</td><td>{{name}}</td><td>{{from}}</td><td>{{to}}</td><td>{{reason}}</td></tr>{{/leaves}}</tbody>
    </table>{{/hasLeaves}}
    {{> footer}}
    """

  static let bulletin = """
    {{> header}}
    <h1>{{t.bulletin}} · {{monthTitle}}</h1>
    \(monthPicker)
    <p class="noprint">{{t.print}}</p>
    <pre class="bulletin">{{text}}</pre>
    {{> footer}}
    """

  static let tripUpload = """
    {{> header}}
    <h1>{{t.uploadTrips}} · {{unitName}}</h1>
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#hasProblems}}<div class="problems" role="alert"><p>{{refusedSummary}}</p></div>
    <table class="grid problems-table">
    <thead><tr><th>{{t.place}}</th><th>{{t.lineText}}</th><th>{{t.problem}}</th></tr></thead>
    <tbody>{{#problems}}<tr><td class="place">{{place}}</td><td><code>{{excerpt}}</code></td><td>{{message}}</td></tr>{{/problems}}</tbody>
    </table>{{/hasProblems}}
    <form method="post" action="/trips/upload" enctype="multipart/form-data" class="card">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <p>{{t.uploadTripsHelp}}</p>
    {{#isUnitUploader}}<p>{{t.uploadTripsUnit}}</p>{{/isUnitUploader}}
    <label>{{t.chooseFile}} <input type="file" name="file" accept=".csv,.xlsx" required></label>
    <button type="submit" class="primary">{{t.upload}}</button>
    </form>
    {{> footer}}
    """

  static let explanations = """
    {{> header}}
    <h1>{{t.explanations}} · {{unitName}}</h1>
    {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
    {{#hasProblems}}<div class="problems" role="alert"><ul>{{#problems}}<li>{{message}}</li>{{/problems}}</ul></div>{{/hasProblems}}
    <h2>{{t.owedMonths}}</h2>
    {{^hasOwed}}<p>{{t.nothingOwed}}</p>{{/hasOwed}}
    {{#hasOwed}}<table class="grid">
    <thead><tr><th>{{t.month}}</th><th>{{t.due}}</th><th>{{t.status}}</th><th class="noprint">{{t.uploadDocument}}</th></tr></thead>
    <tbody>{{#owed}}<tr class="explanation-{{statusKey}}"><td>{{monthTitle}}</td><td>{{due}}</td><td>{{status}}</td>
    <td class="noprint"><form method="post" action="/unit/explanations/upload" enctype="multipart/form-data" class="inline">
    <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
    <input type="file" name="file" accept=".pdf,.doc,.docx,.jpg,.jpeg,.png" required aria-label="{{t.uploadDocument}} {{monthTitle}}"> <button class="primary">{{t.upload}}</button></form></td></tr>{{/owed}}</tbody>
    </table>
    <p class="hint">{{t.documentTypes}}</p>{{/hasOwed}}
    <h2>{{t.filedExplanations}}</h2>
    {{^hasFiled}}<p>{{t.noneFiled}}</p>{{/hasFiled}}
    {{#hasFiled}}<table class="grid">
    <thead><tr><th>{{t.month}}</th><th>{{t.received}}</th><th>{{t.status}}</th><th>{{t.document}}</th></tr></thead>
    <tbody>{{#filed}}<tr><td>{{monthTitle}}</td><td>{{received}}</td><td>{{status}}</td><td>{{#documentLink}}<a href="{{documentLink}}">{{documentName}}</a>{{/documentLink}}{{^documentLink}}{{documentName}}{{/documentLink}}</td></tr>{{/filed}}</tbody>
    </table>{{/hasFiled}}
    {{> footer}}
    """

  static let owing = """
    {{> header}}
    <h1>{{t.owing}} · {{monthTitle}}</h1>
    \(monthPicker)
    {{#readOnly}}<p class="notice">{{t.readOnly}}</p>{{/readOnly}}
    <p>{{summary}}</p>
    {{^hasOwed}}<p>{{t.nobodyOwes}}</p>{{/hasOwed}}
    {{#hasOwed}}<table class="grid">
    <thead><tr><th>{{t.unit}}</th><th>{{t.shortHeads}}</th><th>{{t.due}}</th><th>{{t.status}}</th><th>{{t.received}}</th><th>{{t.document}}</th></tr></thead>
    <tbody>{{#owed}}<tr class="explanation-{{statusKey}}"><td>{{unit}}</td><td>{{heads}}</td><td>{{due}}</td><td>{{status}}</td><td>{{received}}</td><td>{{#documentLink}}<a href="{{documentLink}}">{{documentName}}</a>{{/documentLink}}{{^documentLink}}{{documentName}}{{/documentLink}}</td></tr>{{/owed}}</tbody>
    </table>{{/hasOwed}}
    {{> footer}}
    """

  static let error = """
    {{> header}}
    <h1>{{t.errorTitle}}</h1>
    <div class="problems" role="alert"><ul>{{#problems}}<li>{{#field}}<b>{{field}}</b> {{/field}}{{message}}</li>{{/problems}}</ul></div>
    <p><a href="/">{{t.back}}</a></p>
    {{> footer}}
    """

  /// Served at /static/app.css: the only style sheet (CSP allows no inline style), fit for 1366×768 and print.
  static let styleSheet = """
    * { box-sizing: border-box; }
    body { margin: 0; font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif;
      font-size: 15px; color: #1d2433; background: #f5f6f8; }
    .bar { display: flex; gap: 1.2em; align-items: center; padding: .6em 1.2em; background: #8c1d18; color: #fff; }
    .bar a, .bar button { color: #fff; }
    .bar .app { font-weight: bold; font-size: 1.1em; }
    .bar nav { display: flex; gap: 1em; flex: 1; }
    .bar .lang { margin-left: auto; }
    .bar button { background: none; border: 1px solid #fff; border-radius: 3px; cursor: pointer; }
    main { max-width: 1320px; margin: 0 auto; padding: 1em 1.2em 3em; }
    h1 { font-size: 1.4em; margin: .4em 0 .6em; }
    h2 { font-size: 1.15em; margin: 1.2em 0 .5em; }
    table.grid { border-collapse: collapse; width: 100%; background: #fff; }
    .grid th, .grid td { border: 1px solid #d5d9e0; padding: .35em .6em; text-align: left; vertical-align: top; }
    .grid th { background: #eceff3; font-weight: 600; }
    .grid .n { text-align: right; font-variant-numeric: tabular-nums; }
    tr.warn td { background: #fff1e6; }
    tr.warn td:last-child { color: #a33a00; font-weight: 600; }
    tr.unit-short td:nth-child(3) { color: #a33a00; font-weight: 600; }
    tr.unit-not_reported td:nth-child(3) { color: #555; font-style: italic; }
    .status-returned td { background: #fff7d6; }
    .status-withdrawn td { color: #7a8290; }
    .reason { color: #a33a00; }
    .card { background: #fff; padding: 1em 1.2em; border: 1px solid #d5d9e0; border-radius: 4px; max-width: 760px; }
    .card.narrow { max-width: 360px; }
    .card label { display: block; margin: .5em 0; }
    .card label.check { display: inline-block; margin-right: 1.2em; }
    .card input[type=text], .card input:not([type]), .card input[type=password], .card select { width: 100%; padding: .35em; }
    .row { display: flex; gap: 1.5em; align-items: end; }
    fieldset { border: 1px solid #d5d9e0; }
    button, .button { font: inherit; padding: .3em .9em; border: 1px solid #8c1d18; background: #fff; color: #8c1d18;
      border-radius: 3px; cursor: pointer; text-decoration: none; display: inline-block; }
    .primary { background: #8c1d18; color: #fff; }
    form.inline { display: inline; }
    .inline-row { margin: .3em 0; }
    table.problems-table { margin-bottom: 1.2em; }
    .problems-table td.place { white-space: nowrap; font-weight: 600; color: #a33a00; }
    .problems-table code { white-space: pre-wrap; word-break: break-all; }
    .explanation-overdue td:nth-child(3), .explanation-late td:nth-child(4) { color: #a33a00; font-weight: 600; }
    .hint { color: #5a6270; font-size: .9em; }
    .field-problem { color: #a61b0f; font-weight: bold; }
    .problems { background: #fdecea; border: 1px solid #e0a49e; padding: .5em 1em; margin: .5em 0 1em; }
    .notice { background: #e8f4ea; border: 1px solid #9fcca8; padding: .5em 1em; }
    .month { margin: .3em 0 1em; }
    .closing { margin: 0 0 1em; }
    pre.bulletin { white-space: pre-wrap; background: #fff; padding: 1em; border: 1px solid #d5d9e0; font-family: inherit; }
    @media print {
      body { background: #fff; font-size: 11pt; }
      .bar, .noprint, form, .lang { display: none !important; }
      main { max-width: none; padding: 0; }
      .grid th, .grid td { border-color: #888; }
      tr.warn td { background: none; }
    }
    """
}
