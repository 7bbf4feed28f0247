// retrace report: builds the page from the JSON embedded in it. Written for this project, no framework.
// Rules: every value from a log reaches the page through textContent or setAttribute, never as markup; nothing
// is fetched; a batch's logs are parsed and drawn only when opened.
(function () {
  'use strict';

  var ROW = 24;
  var app = document.getElementById('app');
  var page = readJSON('retrace-page');
  var current = null;

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // A log's events are most of its bytes: parsed on first use, after the verdict and graph are on screen.
  function eventsOf(log) {
    if (!log.events) { log.events = readJSON('retrace-events-' + log.number) || []; }
    return log.events;
  }

  // Runs `work` once the whole document is parsed: the bulky data comes after the script, so that the verdict and
  // graph are drawn while the browser still reads the events.
  function whenParsed(work) {
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', work); } else { work(); }
  }

  // Runs `work` once the browser has painted what is on the page so far.
  function afterPaint(work) {
    window.requestAnimationFrame(function () { setTimeout(work, 0); });
  }

  // el('div', {class: 'x', text: 'y', onclick: f}, child...) — text goes in as text, never as markup.
  function el(tag, attributes) {
    var node = document.createElement(tag);
    var key;
    for (key in attributes || {}) {
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) { continue; }
      var value = attributes[key];
      if (value === null || value === undefined || value === false) { continue; }
      if (key === 'text') { node.textContent = visible(value); }
      else if (key === 'class') { node.className = value; }
      else if (key.slice(0, 2) === 'on') { node.addEventListener(key.slice(2), value); }
      else { node.setAttribute(key, value === true ? '' : String(value)); }
    }
    for (var index = 2; index < arguments.length; index += 1) { append(node, arguments[index]); }
    return node;
  }

  // Control characters from a log (terminal escapes, carriage returns) are shown as their Unicode pictures.
  function visible(text) {
    return String(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, function (c) {
      return String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0));
    }).replace(/[\u0080-\u009f]/g, '\ufffd');
  }

  // Event ids beyond 2^53 arrive as strings (JSON numbers would lose digits); both compare through this key.
  function idKey(id) { return String(id).replace(/^#/, ''); }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (item) { append(node, item); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(visible(child)));
  }

  function plural(count, singular, pluralForm) {
    return count + ' ' + (count === 1 ? singular : (pluralForm || singular + 's'));
  }

  function duration(ms) {
    if (ms === null || ms === undefined) { return '–'; }
    if (ms < 1000) { return ms + ' ms'; }
    var seconds = ms / 1000;
    if (seconds < 60) { return seconds.toFixed(seconds < 10 ? 2 : 1) + ' s'; }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) { return minutes + ' min ' + Math.round(seconds - minutes * 60) + ' s'; }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) { return hours + ' h ' + (minutes - hours * 60) + ' min'; }
    return Math.floor(hours / 24) + ' d ' + (hours % 24) + ' h';
  }

  var SYMBOL = { succeeded: '✓', failed: '✗', timed_out: '⧗', aborted: '⊘', running: '…', caught: '↪', in_progress: '…' };

  // Whether an outcome or status (`RunOutcome`, `Status` raw values) is a failure.
  function isFailure(outcome) { return outcome === 'failed' || outcome === 'timed_out' || outcome === 'aborted'; }

  function statusLabel(status) {
    if (!status) { return el('span', { class: 'status muted', text: '–' }); }
    return el('span', { class: 'status ' + status, text: (SYMBOL[status] || '•') + ' ' + status });
  }

  function outcomeClass(outcome) {
    if (outcome === 'succeeded') { return 'succeeded'; }
    if (isFailure(outcome)) { return 'failed'; }
    return 'other';
  }

  function prettyJSON(text) {
    if (text === null || text === undefined) { return ''; }
    try { return JSON.stringify(JSON.parse(text), null, 2); } catch (error) { return String(text); }
  }

  function sizeLabel(text) {
    var bytes = text.length;
    if (bytes < 1024) { return plural(bytes, 'character'); }
    return (bytes / 1024).toFixed(1) + ' k characters';
  }

  function copyButton(text) {
    return el('button', {
      class: 'copy', type: 'button', text: 'Copy',
      onclick: function (event) {
        event.preventDefault();
        var button = event.currentTarget;
        var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, function () { button.textContent = 'Copy failed'; });
        } else {
          button.textContent = 'Copy failed';
        }
      }
    });
  }

  // A folded, pretty-printed JSON value with its copy button.
  function payload(label, text, open) {
    var pretty = prettyJSON(text);
    return el('details', { class: 'payload', open: !!open },
      el('summary', null, el('b', { text: label }), ' ', el('span', { class: 'muted', text: '(' + sizeLabel(text) + ')' }), ' ', copyButton(pretty)),
      el('pre', { text: pretty }));
  }

  function section(id, title) {
    var node = el('section', { id: 'section-' + id, 'aria-labelledby': 'heading-' + id });
    node.appendChild(el('h2', { id: 'heading-' + id, text: title }));
    return node;
  }

  function warningsSection(warnings) {
    if (!warnings || warnings.length === 0) { return null; }
    var node = section('warnings', 'About the log itself (' + plural(warnings.length, 'warning') + ')');
    var list = el('ul');
    warnings.forEach(function (warning) {
      list.appendChild(el('li', null, el('span', { text: '⚠ ' + warning.message }),
        warning.eventIds && warning.eventIds.length ? el('span', { class: 'muted' }, ' — events ',
          warning.eventIds.slice(0, 10).map(function (id, index) {
            return [index ? ', ' : '', el('a', { href: '#event-' + id, text: '#' + id })];
          })) : null));
    });
    node.appendChild(list);
    return node;
  }

  function findingsSection(findings, title) {
    var node = section('findings', title + ' (' + findings.length + ')');
    if (findings.length === 0) { node.appendChild(el('p', { class: 'muted', text: 'Nothing to report.' })); }
    findings.forEach(function (finding) {
      node.appendChild(el('div', { class: 'finding ' + finding.severity },
        el('h3', null, el('span', { text: finding.severity.toUpperCase() + ': ' }), finding.title),
        el('dl', null,
          finding.path ? [el('dt', { text: 'Where' }), el('dd', { class: 'mono', text: finding.path })] : null,
          finding.error ? [el('dt', { text: 'Error' }), el('dd', { class: 'mono', text: finding.error })] : null,
          [el('dt', { text: 'Why' }), el('dd', { text: finding.explanation })],
          finding.remedy ? [el('dt', { text: 'Fix' }), el('dd', { text: finding.remedy })] : null)));
    });
    return node;
  }

  function frameText(frame) {
    if (!frame) { return null; }
    return [frame.file, frame.line].filter(function (part) { return part !== null && part !== undefined; }).join(':') +
      (frame.function ? ' in ' + frame.function : '');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Event table: a fixed-height scroller that holds only the rows in view, so 25,000 events stay responsive.

  function eventTable(log, columns, onSelect) {
    var events = eventsOf(log);
    var shown = events.map(function (event, index) { return index; });
    var selected = -1;
    var haystacks = null;
    var types = {};
    events.forEach(function (event) { types[event[3]] = true; });

    var typeSelect = el('select', { 'aria-label': 'Event type', id: 'filter-type' }, el('option', { value: '', text: 'All types' }),
      Object.keys(types).sort().map(function (type) { return el('option', { value: type, text: type }); }));
    var stateSelect = el('select', { 'aria-label': columns.placeLabel, id: 'filter-state' }, el('option', { value: '', text: 'All ' + columns.placesLabel }),
      columns.places.map(function (name) { return el('option', { value: name, text: name }); }));
    var failedBox = el('input', { type: 'checkbox', id: 'filter-failed' });
    var search = el('input', { type: 'search', id: 'filter-text', placeholder: 'Search events ( / )', 'aria-label': 'Search events' });
    var count = el('span', { class: 'count', id: 'event-count' });
    var spacer = el('div', { class: 'spacer' });
    var scroller = el('div', { class: 'scroller', tabindex: '0', role: 'grid', 'aria-label': 'Events', id: 'event-scroller' }, spacer);
    var detail = el('div', { class: 'details', id: 'event-detail', hidden: true });

    function haystack(index) {
      if (!haystacks) { haystacks = new Array(events.length); }
      if (haystacks[index] === undefined) {
        var event = events[index];
        var words = ['#' + event[0], event[3], event[4]];
        Object.keys(event[6]).forEach(function (key) {
          if (key !== 'input' && key !== 'output' && key !== 'parameters' && key.charAt(0) !== '$') {
            var value = event[6][key];
            words.push(key + '=' + (typeof value === 'string' ? value : JSON.stringify(value)));
          }
        });
        haystacks[index] = words.join(' ').toLowerCase();
      }
      return haystacks[index];
    }

    function applyFilters() {
      var type = typeSelect.value;
      var place = stateSelect.value;
      var failed = failedBox.checked;
      var text = search.value.trim().toLowerCase();
      shown = [];
      for (var index = 0; index < events.length; index += 1) {
        var event = events[index];
        if (type && event[3] !== type) { continue; }
        if (failed && !event[5]) { continue; }
        if (place && !columns.matchesPlace(event, place)) { continue; }
        if (text && haystack(index).indexOf(text) < 0) { continue; }
        shown.push(index);
      }
      count.textContent = 'Showing ' + shown.length + ' of ' + plural(events.length, 'event');
      spacer.style.height = (shown.length * ROW) + 'px';
      scroller.style.height = (Math.max(3, Math.min(shown.length, 18)) * ROW + 2) + 'px';
      draw();
    }

    var drawn = {};
    function draw() {
      var top = scroller.scrollTop;
      var first = Math.max(0, Math.floor(top / ROW) - 10);
      var last = Math.min(shown.length, Math.ceil((top + scroller.clientHeight) / ROW) + 10);
      var keep = {};
      for (var position = first; position < last; position += 1) {
        var index = shown[position];
        keep[position + ':' + index] = true;
        if (drawn[position + ':' + index]) { continue; }
        var event = events[index];
        var row = el('div', { class: 'row' + (event[5] ? ' failed' : '') + (index === selected ? ' selected' : ''), role: 'row',
          'data-index': index, id: 'event-row-' + event[0] },
        columns.cells(event).map(function (cell) { return el('span', { role: 'gridcell', text: cell, title: cell }); }));
        row.style.top = (position * ROW) + 'px';
        row.addEventListener('click', select.bind(null, index, true));
        spacer.appendChild(row);
        drawn[position + ':' + index] = row;
      }
      Object.keys(drawn).forEach(function (key) {
        if (!keep[key]) { spacer.removeChild(drawn[key]); delete drawn[key]; }
      });
    }

    function redrawAll() {
      Object.keys(drawn).forEach(function (key) { spacer.removeChild(drawn[key]); });
      drawn = {};
      draw();
    }

    function select(index, updateHash) {
      selected = index;
      var event = events[index];
      var position = shown.indexOf(index);
      if (position < 0) {
        typeSelect.value = ''; stateSelect.value = ''; failedBox.checked = false; search.value = '';
        applyFilters();
        position = shown.indexOf(index);
      }
      var top = position * ROW;
      if (top < scroller.scrollTop || top + ROW > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
      }
      redrawAll();
      detail.hidden = false;
      detail.textContent = '';
      detail.appendChild(el('h3', { text: 'Event #' + event[0] + ' · ' + event[3] }));
      var facts = el('dl', null,
        el('dt', { text: 'Time' }), el('dd', { text: event[2] || '–' }),
        el('dt', { text: columns.placeLabel }), el('dd', { class: 'mono', text: event[4] || '–' }),
        event[1] !== null && event[1] !== 0 ? [el('dt', { text: 'Previous event' }), el('dd', null, el('a', { href: '#event-' + event[1], text: '#' + event[1] }))] : null);
      detail.appendChild(facts);
      Object.keys(event[6]).forEach(function (key) {
        var value = event[6][key];
        if (value === null || value === undefined) { return; }
        var text = typeof value === 'string' ? value : JSON.stringify(value);
        if (key === 'input' || key === 'output' || key === 'parameters' || key === 'unrecognised' || key.charAt(0) === '$' || text.length > 200) {
          detail.appendChild(payload(key, text, text.length < 4000));
        } else {
          facts.appendChild(el('dt', { text: key }));
          facts.appendChild(el('dd', { class: 'mono', text: text }));
        }
      });
      if (updateHash) { setHash('event-' + event[0]); }
      if (onSelect) { onSelect(event); }
    }

    function move(step) {
      var position = shown.indexOf(selected);
      position = Math.max(0, Math.min(shown.length - 1, position < 0 ? 0 : position + step));
      if (shown.length) { select(shown[position], true); }
    }

    scroller.addEventListener('scroll', function () { window.requestAnimationFrame(draw); });
    scroller.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' || event.key === 'j') { move(1); event.preventDefault(); }
      else if (event.key === 'ArrowUp' || event.key === 'k') { move(-1); event.preventDefault(); }
      else if (event.key === 'PageDown') { move(Math.floor(scroller.clientHeight / ROW)); event.preventDefault(); }
      else if (event.key === 'PageUp') { move(-Math.floor(scroller.clientHeight / ROW)); event.preventDefault(); }
    });
    [typeSelect, stateSelect, failedBox].forEach(function (control) { control.addEventListener('change', applyFilters); });
    var pending = null;
    search.addEventListener('input', function () {
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(applyFilters, events.length > 5000 ? 150 : 0);
    });

    var node = section('events', 'Events (' + events.length + ')');
    node.className = 'events';
    node.appendChild(el('div', { class: 'toolbar', role: 'search' }, typeSelect, stateSelect,
      el('label', null, failedBox, ' failed only'), search, count));
    node.appendChild(el('div', { class: 'head', role: 'row' }, columns.titles.map(function (title) { return el('span', { role: 'columnheader', text: title }); })));
    node.appendChild(scroller);
    node.appendChild(detail);
    node.appendChild(el('p', { class: 'keys' }, 'Keys: ', el('kbd', { text: '/' }), ' search, ', el('kbd', { text: '↑' }), ' ', el('kbd', { text: '↓' }),
      ' (or ', el('kbd', { text: 'j' }), ' ', el('kbd', { text: 'k' }), ') move through events, ', el('kbd', { text: 'g' }), ' graph, ',
      el('kbd', { text: 'e' }), ' events, ', el('kbd', { text: 'Esc' }), ' close details.'));
    return {
      node: node, search: search, scroller: scroller, refresh: applyFilters,
      // Shows only events of `type`, when there are any; says whether there were.
      filterType: function (type) {
        if (!Array.prototype.some.call(typeSelect.options, function (option) { return option.value === type; })) { return false; }
        typeSelect.value = type;
        applyFilters();
        return true;
      },
      selectId: function (id) {
        for (var index = 0; index < events.length; index += 1) {
          if (idKey(events[index][0]) === idKey(id)) { select(index, false); return true; }
        }
        return false;
      },
      closeDetail: function () { detail.hidden = true; }
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // One execution.

  function indexVisits(states, path, into) {
    states.forEach(function (visit) {
      var here = path.concat([visit.name]);
      (into[visit.name] = into[visit.name] || []).push({ visit: visit, path: here.join(' › ') });
      (visit.branches || []).forEach(function (branch) {
        indexVisits(branch.states, here.concat(['branch ' + branch.number]), into);
      });
      (visit.iterations || []).forEach(function (iteration) {
        indexVisits(iteration.states, here.concat(['iteration ' + iteration.index]), into);
      });
    });
    return into;
  }

  function eventById(log) {
    if (!log.byId) {
      log.byId = {};
      eventsOf(log).forEach(function (event) { log.byId[idKey(event[0])] = event; });
    }
    return log.byId;
  }

  // The visit a location path leads to ([{kind: 'state', name}, {kind: 'iteration', index}, …]).
  function visitAt(states, location) {
    var list = states;
    var found = null;
    for (var step = 0; step < location.length; step += 1) {
      var part = location[step];
      if (part.kind === 'state') {
        var candidates = (list || []).filter(function (visit) { return visit.name === part.name; });
        found = candidates.filter(function (visit) { return visit.status !== 'succeeded'; }).pop() || candidates.pop() || null;
        if (!found) { return null; }
      } else if (part.kind === 'iteration' && found) {
        var iteration = (found.iterations || []).filter(function (item) { return item.index === part.index; })[0];
        if (!iteration) { return found; }
        list = iteration.states;
        found = { iteration: iteration, map: found };
        if (step === location.length - 1) { return found; }
        continue;
      } else if (part.kind === 'branch' && found) {
        var branch = (found.branches || []).filter(function (item) { return item.number === part.number; })[0];
        if (!branch) { return found; }
        list = branch.states;
        continue;
      } else {
        continue;
      }
      list = [];
      if (found.iterations || found.branches) { list = null; }
    }
    return found;
  }

  function iterationOf(states, location) {
    var cut = -1;
    location.forEach(function (part, index) { if (part.kind === 'iteration') { cut = index; } });
    if (cut < 0) { return null; }
    var target = visitAt(states, location.slice(0, cut + 1));
    return target && target.iteration ? target.iteration : null;
  }

  function renderExecution(log, number, container, ready) {
    var report = log.report;
    var execution = report.execution;
    var diagnosis = report.diagnosis || { outcome: execution.outcome, rootCause: null, findings: [] };
    var visitsByName = indexVisits(report.states, [], {});
    var byId = null;
    var graphTemplate = document.getElementById('retrace-graph-' + number);
    var timelineTemplate = document.getElementById('retrace-timeline-' + number);

    container.appendChild(el('h1', { id: 'title', text: log.name }));
    var verdictText = (SYMBOL[execution.outcome] || '•') + ' ' + String(execution.outcome).toUpperCase();
    container.appendChild(el('p', null, el('span', { id: 'verdict', class: 'verdict ' + outcomeClass(execution.outcome), role: 'status', text: verdictText })));
    container.appendChild(el('div', { class: 'facts' },
      el('span', null, 'duration ', el('b', { text: duration(execution.durationMs) })),
      el('span', null, el('b', { text: String(execution.eventCount) }), ' events'),
      el('span', null, el('b', { text: String(execution.stateTransitions) }), ' state transitions'),
      execution.start ? el('span', null, 'started ', el('b', { text: execution.start })) : null,
      execution.redriveCount ? el('span', null, el('b', { text: String(execution.redriveCount) }), ' redrives') : null,
      execution.arn ? el('span', { class: 'mono', text: execution.arn }) : null));
    if (!execution.complete) {
      container.appendChild(el('p', { class: 'notice', text: 'This history is incomplete: ' + (execution.missing.join('; ') || 'pages are missing') + '.' }));
    }

    var nav = el('nav', { class: 'sections', 'aria-label': 'Sections' });
    container.appendChild(nav);
    var sections = [];

    var details = el('section', { class: 'details', id: 'state-details', hidden: true, tabindex: '-1', 'aria-live': 'polite' });
    var graphNodes = {};
    var svgNodes = {};
    function showState(name, updateHash) {
      var visits = visitsByName[name] || [];
      details.hidden = false;
      details.textContent = '';
      details.appendChild(el('h2', { id: 'state-title', text: 'State ' + name }));
      details.appendChild(el('p', { class: 'muted', text: plural(visits.length, 'visit') + (visits.length ? ' · ' + visits[0].visit.type : '') }));
      Object.keys(svgNodes).forEach(function (id) { svgNodes[id].classList.toggle('selected', graphNodes[id].name === name); });
      visits.slice(0, 50).forEach(function (entry) { details.appendChild(visitDetails(entry)); });
      if (visits.length > 50) {
        var more = el('button', { type: 'button', text: 'Show ' + plural(visits.length - 50, 'more visit') });
        more.addEventListener('click', function () {
          more.remove();
          visits.slice(50).forEach(function (entry) { details.appendChild(visitDetails(entry)); });
        });
        details.appendChild(more);
      }
      details.appendChild(el('p', null, el('button', { type: 'button', text: 'Close (Esc)', onclick: function () { details.hidden = true; } })));
      if (updateHash) { setHash('state-' + encodeURIComponent(name)); }
      details.focus({ preventScroll: true });
      details.scrollIntoView({ block: 'nearest' });
    }

    function visitDetails(entry) {
      var visit = entry.visit;
      byId = eventById(log);
      var node = el('div', { class: 'visit' });
      node.appendChild(el('p', null, statusLabel(visit.status), ' ', el('span', { class: 'mono', text: entry.path }), ' · ',
        duration(visit.durationMs), ' · events ',
        el('a', { href: '#event-' + visit.enteredEventId, text: '#' + visit.enteredEventId }),
        visit.endEventId ? [' – ', el('a', { href: '#event-' + visit.endEventId, text: '#' + visit.endEventId })] : null));
      if (visit.error) {
        node.appendChild(el('p', null, el('b', { text: 'Error ' }), el('code', { text: visit.error })));
      }
      if (visit.cause) { node.appendChild(payload('Cause', visit.cause, false)); }
      if (visit.attempts && visit.attempts.length) {
        node.appendChild(el('table', { class: 'plain' },
          el('tr', null, ['Attempt', 'Status', 'Duration', 'Backoff before', 'Error'].map(function (title) { return el('th', { text: title }); })),
          visit.attempts.map(function (attempt) {
            return el('tr', null, el('td', { text: String(attempt.number) }), el('td', null, statusLabel(attempt.status)),
              el('td', { text: duration(attempt.durationMs) }), el('td', { text: attempt.backoffMs ? duration(attempt.backoffMs) : '' }),
              el('td', { class: 'mono', text: attempt.error || '' }));
          })));
      }
      var entered = byId[idKey(visit.enteredEventId)];
      var exited = visit.exitedEventId !== null ? byId[idKey(visit.exitedEventId)] : null;
      var input = entered && entered[6].input;
      var output = exited && exited[6].output;
      if (input !== undefined && input !== null) { node.appendChild(payload('Input', input, false)); }
      (visit.attempts || []).forEach(function (attempt) {
        var scheduled = byId[idKey(attempt.scheduledEventId)];
        if (scheduled && scheduled[6].parameters) { node.appendChild(payload('Parameters (attempt ' + attempt.number + ')', scheduled[6].parameters, false)); }
      });
      if (output !== undefined && output !== null) { node.appendChild(payload('Output', output, false)); }
      if (exited) {
        Object.keys(exited[6]).filter(function (key) { return key.charAt(0) === '$'; }).forEach(function (key) {
          node.appendChild(payload('Variable ' + key, exited[6][key], false));
        });
      }
      if (input && output) {
        var side = el('div', { class: 'side', hidden: true },
          el('div', null, el('b', { text: 'Input' }), el('pre', { text: prettyJSON(input) })),
          el('div', null, el('b', { text: 'Output' }), el('pre', { text: prettyJSON(output) })));
        node.appendChild(el('button', { type: 'button', text: 'Input and output side by side',
          onclick: function () { side.hidden = !side.hidden; } }));
        node.appendChild(side);
      }
      return node;
    }

    // Root cause
    var root = diagnosis.rootCause;
    var rootSection = section('root', 'Root cause');
    sections.push(['root', 'Root cause']);
    if (root) {
      var box = el('div', { class: 'rootcause', id: 'root-cause' });
      box.appendChild(el('h3', { text: root.title }));
      var rootState = root.location.filter(function (part) { return part.kind === 'state'; }).map(function (part) { return part.name; }).pop();
      box.appendChild(el('dl', null,
        el('dt', { text: 'Where' }), el('dd', { class: 'mono', text: root.path }),
        root.error ? [el('dt', { text: 'Error' }), el('dd', { class: 'mono', text: root.error })] : null,
        root.causeDetail ? [el('dt', { text: 'Cause' }), el('dd', { text: root.causeDetail.summary })] : null,
        root.causeDetail && root.causeDetail.raisedAt ? [el('dt', { text: 'Raised at' }), el('dd', { class: 'mono', text: frameText(root.causeDetail.raisedAt) + (root.causeDetail.runtime ? ' (' + root.causeDetail.runtime + ')' : '') })] : null,
        root.causeDetail && root.causeDetail.handlerAt ? [el('dt', { text: 'Handler' }), el('dd', { class: 'mono', text: frameText(root.causeDetail.handlerAt) })] : null,
        el('dt', { text: 'Why' }), el('dd', { text: root.explanation }),
        root.remedy ? [el('dt', { text: 'Fix' }), el('dd', { text: root.remedy })] : null,
        root.evidence && root.evidence.length ? [el('dt', { text: 'Evidence' }), el('dd', null, root.evidence.map(function (id, index) {
          return [index ? ', ' : '', el('a', { href: '#event-' + id, text: '#' + id })];
        }))] : null));
      if (root.cause) { box.appendChild(payload('Cause as recorded', root.cause, false)); }
      var iteration = iterationOf(report.states, root.location);
      var itemSlot = el('div');
      box.appendChild(itemSlot);
      if (rootState) {
        box.appendChild(el('p', null, el('a', { href: '#state-' + encodeURIComponent(rootState), text: 'Open ' + rootState + ' in the graph' })));
      }
      rootSection.appendChild(box);
    } else {
      rootSection.appendChild(el('p', { text: diagnosis.outcome === 'succeeded' ? 'The execution succeeded: nothing failed.' : 'No root cause was found in this history.' }));
    }
    container.appendChild(rootSection);

    // Graph
    var graphSection = section('graph', 'Graph');
    sections.push(['graph', 'Graph']);
    if (graphTemplate) {
      var picture = el('div', { class: 'picture fit', id: 'graph' });
      picture.appendChild(graphTemplate.content.cloneNode(true));
      (log.graphNodes || []).forEach(function (node) { graphNodes[node.id] = node; });
      Array.prototype.forEach.call(picture.querySelectorAll('g.node'), function (group) {
        var title = group.querySelector('title');
        var node = title && graphNodes[title.textContent];
        if (!node) { return; }
        if (node.rootCause) { group.classList.add('root-node'); }
        if (node.kind !== 'state' && node.kind !== 'iterations') { return; }
        svgNodes[node.id] = group;
        group.classList.add('clickable');
        group.setAttribute('tabindex', '0');
        group.setAttribute('role', 'button');
        group.setAttribute('aria-label', 'State ' + node.name + (node.status ? ', ' + node.status : ''));
        group.setAttribute('data-state', node.name);
        group.addEventListener('click', function (event) { event.preventDefault(); showState(node.name, true); });
        group.addEventListener('keydown', function (event) {
          if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); showState(node.name, true); }
        });
      });
      graphSection.appendChild(el('div', { class: 'toolbar' },
        el('button', { type: 'button', text: 'Actual size / fit', onclick: function () { picture.classList.toggle('fit'); } }),
        el('span', { class: 'muted', text: 'Click a state (or Tab to it and press Enter) for its visits, inputs and outputs.' })));
      graphSection.appendChild(picture);
    } else {
      graphSection.appendChild(el('p', { class: 'muted', text: 'Not drawn: this report holds more than ' + page.pictureBudget + ' logs. Run retrace report on this execution alone for its graph and timeline.' }));
    }
    container.appendChild(graphSection);
    container.appendChild(details);
    var rest = el('div');
    container.appendChild(rest);
    // The verdict, root cause and graph are on screen; the rest (and the events it needs) follows.
    afterPaint(function () {
      if (window.performance && performance.mark) { performance.mark('retrace-verdict-shown'); }
      whenParsed(renderRest);
    });

    function renderRest() {
      container = rest;
      byId = eventById(log);
      if (iteration && iteration.states.length) {
        var first = byId[idKey(iteration.states[0].enteredEventId)];
        if (first && first[6].input !== undefined) { itemSlot.appendChild(payload('Item of the failed iteration ' + iteration.index, first[6].input, true)); }
      }

      // Timeline
      if (timelineTemplate) {
        var timelineSection = section('timeline', 'Timeline');
        sections.push(['timeline', 'Timeline']);
        var timeline = el('div', { class: 'picture', id: 'timeline' });
        timeline.appendChild(timelineTemplate.content.cloneNode(true));
        var svg = timeline.querySelector('svg');
        var zoom = 1;
        var baseWidth = svg ? (svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) || 1200 : 1200;
        function setZoom(factor) {
          zoom = Math.max(0.25, Math.min(32, factor));
          if (svg) { svg.style.width = Math.round(baseWidth * zoom) + 'px'; svg.style.height = 'auto'; }
          zoomLabel.textContent = Math.round(zoom * 100) + ' %';
        }
        var zoomLabel = el('span', { class: 'muted' });
        timelineSection.appendChild(el('div', { class: 'toolbar' },
          el('button', { type: 'button', text: 'Zoom out', onclick: function () { setZoom(zoom / 1.5); } }),
          el('button', { type: 'button', text: 'Zoom in', onclick: function () { setZoom(zoom * 1.5); } }),
          el('button', { type: 'button', text: 'Reset', onclick: function () { setZoom(1); } }), zoomLabel,
          el('span', { class: 'muted', text: 'Attempts, backoff, Map iterations and Parallel branches on one time axis.' })));
        timelineSection.appendChild(timeline);
        setZoom(1);
        container.appendChild(timelineSection);
      }

      // State tree
      var treeSection = section('tree', 'States');
      sections.push(['tree', 'States']);
      treeSection.appendChild(visitTree(report.states, true));
      container.appendChild(treeSection);

      function visitTree(states, top) {
        var list = el('ul', { class: top ? 'tree top' : 'tree' });
        states.forEach(function (visit) { list.appendChild(visitItem(visit)); });
        return list;
      }

      function visitItem(visit) {
        var line = [statusLabel(visit.status), ' ', el('a', { href: '#state-' + encodeURIComponent(visit.name), text: visit.name }),
          el('span', { class: 'muted', text: ' ' + visit.type + ' · ' + duration(visit.durationMs) +
            (visit.attempts && visit.attempts.length > 1 ? ' · ' + plural(visit.attempts.length, 'attempt') : '') }),
          visit.error ? [' ', el('code', { text: visit.error })] : null];
        var children = (visit.branches && visit.branches.length) || (visit.iterations && visit.iterations.length);
        if (!children) { return el('li', null, line); }
        var failed = visit.status !== 'succeeded';
        var item = el('details', { open: failed });
        item.appendChild(el('summary', null, line));
        (visit.branches || []).forEach(function (branch) {
          var branchNode = el('details', { open: branch.status !== 'succeeded' },
            el('summary', null, statusLabel(branch.status), ' branch ' + branch.number + ' · ' + duration(branch.durationMs)));
          branchNode.appendChild(visitTree(branch.states));
          item.appendChild(el('div', { class: 'tree' }, branchNode));
        });
        if (visit.iterations && visit.iterations.length) { item.appendChild(iterationList(visit)); }
        return el('li', null, item);
      }

      function iterationItem(iteration) {
        var node = el('details', { open: iteration.status !== 'succeeded' && iteration.states.length < 30 },
          el('summary', null, statusLabel(iteration.status), ' iteration ' + iteration.index + ' · ' + duration(iteration.durationMs)));
        var filled = false;
        node.addEventListener('toggle', function () {
          if (node.open && !filled) { filled = true; node.appendChild(visitTree(iteration.states)); }
        });
        if (node.open) { filled = true; node.appendChild(visitTree(iteration.states)); }
        return el('li', null, node);
      }

      function iterationList(visit) {
        var iterations = visit.iterations;
        var list = el('ul', { class: 'tree' });
        if (iterations.length <= 20) {
          iterations.forEach(function (iteration) { list.appendChild(iterationItem(iteration)); });
          return list;
        }
        var counts = {};
        iterations.forEach(function (iteration) { counts[iteration.status] = (counts[iteration.status] || 0) + 1; });
        list.appendChild(el('li', { class: 'muted', text: plural(iterations.length, 'iteration') + ': ' +
          Object.keys(counts).sort().map(function (status) { return counts[status] + ' ' + status; }).join(', ') }));
        var failed = iterations.filter(function (iteration) { return iteration.status !== 'succeeded'; });
        if (failed.length) {
          list.appendChild(el('li', { text: 'Not succeeded' + (failed.length > 20 ? ' (first 20 of ' + failed.length + ')' : '') + ':' }));
          failed.slice(0, 20).forEach(function (iteration) { list.appendChild(iterationItem(iteration)); });
        }
        var slowest = iterations.filter(function (iteration) { return iteration.durationMs !== null; })
          .sort(function (a, b) { return b.durationMs - a.durationMs; }).slice(0, 3);
        if (slowest.length) {
          list.appendChild(el('li', { text: 'Slowest:' }));
          slowest.forEach(function (iteration) { list.appendChild(iterationItem(iteration)); });
        }
        var shownCount = 0;
        var all = el('ul', { class: 'tree' });
        var more = el('button', { type: 'button', text: 'Show all ' + iterations.length + ' iterations' });
        more.addEventListener('click', function () {
          iterations.slice(shownCount, shownCount + 200).forEach(function (iteration) { all.appendChild(iterationItem(iteration)); });
          shownCount += 200;
          if (shownCount >= iterations.length) { more.remove(); } else { more.textContent = 'Show ' + Math.min(200, iterations.length - shownCount) + ' more'; }
        });
        list.appendChild(el('li', null, all, more));
        return list;
      }

      // Findings
      container.appendChild(findingsSection(diagnosis.findings, 'Findings'));
      sections.push(['findings', 'Findings']);

      // Events
      var placeNames = Object.keys(visitsByName).sort();
      var table = eventTable(log, {
        titles: ['Event', 'Time', 'Type', 'Where', 'Details'],
        places: placeNames, placeLabel: 'Where', placesLabel: 'states',
        cells: function (event) {
          var details = event[6];
          var summary = Object.keys(details).filter(function (key) { return key !== 'input' && key !== 'output' && key !== 'parameters'; })
            .map(function (key) { var value = typeof details[key] === 'string' ? details[key] : JSON.stringify(details[key]); return key + '=' + value.slice(0, 120); }).join(' ');
          return ['#' + event[0], event[2] || '–', event[3], event[4] || 'execution', summary];
        },
        matchesPlace: function (event, name) {
          return event[6].name === name || (' › ' + event[4] + ' › ').indexOf(' › ' + name + ' › ') >= 0;
        }
      });
      container.appendChild(table.node);
      sections.push(['events', 'Events']);
      table.refresh();

      var warnings = warningsSection(report.warnings);
      if (warnings) { container.appendChild(warnings); sections.push(['warnings', 'Warnings']); }
      sections.forEach(function (entry) { nav.appendChild(el('a', { href: '#section-' + entry[0], text: entry[1] })); });

      ready({
        table: table,
        showState: function (name) { if (visitsByName[name] || Object.keys(graphNodes).some(function (id) { return graphNodes[id].name === name; })) { showState(name, false); return true; } return false; },
        close: function () { details.hidden = true; table.closeDetail(); }
      });
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // One deployment.

  function renderDeployment(log, number, container, ready) {
    var report = log.report;
    var diagnosis = report.diagnosis;
    container.appendChild(el('h1', { id: 'title', text: log.name }));
    var verdict = report.verdict;
    var verdictText = verdict ? (verdict.summary || verdict.status) : String(diagnosis.outcome).toUpperCase();
    container.appendChild(el('p', null, el('span', { id: 'verdict', role: 'status', class: 'verdict ' + outcomeClass(diagnosis.outcome),
      text: (SYMBOL[diagnosis.outcome] || '•') + ' ' + verdictText })));
    container.appendChild(el('div', { class: 'facts' },
      el('span', null, 'source ', el('b', { text: report.source })),
      el('span', null, el('b', { text: String(report.log.eventCount) }), ' events'),
      report.log.start ? el('span', null, 'from ', el('b', { text: report.log.start })) : null,
      report.log.end ? el('span', null, 'to ', el('b', { text: report.log.end })) : null,
      verdict && verdict.detail ? el('span', { text: verdict.detail }) : null));
    var nav = el('nav', { class: 'sections', 'aria-label': 'Sections' },
      ['root', 'graph', 'timeline', 'instances', 'findings', 'events'].map(function (id) {
        return el('a', { href: '#section-' + id, text: { root: 'Root cause', graph: 'Lifecycles', timeline: 'Swimlanes', instances: 'Machines', findings: 'Findings', events: 'Events' }[id] });
      }));
    container.appendChild(nav);

    var rootSection = section('root', 'Root cause');
    var root = diagnosis.rootCause;
    if (root) {
      var chain = [root].concat(diagnosis.findings.filter(function (finding) { return finding.severity === 'error' && finding.title !== root.title; }));
      var box = el('div', { class: 'rootcause', id: 'root-cause' });
      chain.forEach(function (finding, index) {
        box.appendChild(el('h3', { text: (index ? '↳ ' : '') + finding.title }));
        box.appendChild(el('dl', null,
          el('dt', { text: 'Where' }), el('dd', { class: 'mono', text: finding.path }),
          finding.error ? [el('dt', { text: 'Error' }), el('dd', { class: 'mono', text: finding.error })] : null,
          el('dt', { text: 'Why' }), el('dd', { text: finding.explanation }),
          finding.remedy ? [el('dt', { text: 'Fix' }), el('dd', { text: finding.remedy })] : null,
          finding.evidence && finding.evidence.length ? [el('dt', { text: 'Evidence' }), el('dd', null, finding.evidence.slice(0, 10).map(function (id, position) {
            return [position ? ', ' : '', el('a', { href: '#event-' + encodeURIComponent(id), text: id })];
          }))] : null));
      });
      rootSection.appendChild(box);
    } else {
      rootSection.appendChild(el('p', { text: 'No root cause: nothing in this log failed.' }));
    }
    container.appendChild(rootSection);

    [['graph', 'Lifecycles', 'retrace-graph-'], ['timeline', 'Swimlanes', 'retrace-timeline-']].forEach(function (entry) {
      var template = document.getElementById(entry[2] + number);
      var node = section(entry[0], entry[1]);
      if (template) {
        var picture = el('div', { class: 'picture' + (entry[0] === 'graph' ? ' fit' : ''), id: entry[0] });
        picture.appendChild(template.content.cloneNode(true));
        if (entry[0] === 'graph') { linkLifecycleStates(picture); }
        node.appendChild(picture);
      } else {
        node.appendChild(el('p', { class: 'muted', text: 'Not drawn in a report of more than ' + page.pictureBudget + ' logs.' }));
      }
      container.appendChild(node);
    });

    // The report lists the first and last states of a long path; the count between says how many it left out.
    var pathText = function (instance) {
      var states = instance.path.map(function (visit) { return visit.state; });
      var omitted = instance.pathOmitted || 0;
      if (omitted > 0) { states.splice(Math.floor(states.length / 2), 0, '… ' + omitted + ' more …'); }
      return states.join(' → ');
    };
    var machines = section('instances', 'Machines (' + report.instances.length + ')');
    machines.appendChild(el('table', { class: 'plain' },
      el('tr', null, ['Machine', 'Kind', 'Status', 'State', 'Path'].map(function (title) { return el('th', { text: title }); })),
      report.instances.slice(0, 500).map(function (instance) {
        return el('tr', null, el('td', { class: 'mono', text: instance.name }), el('td', { text: instance.kind }),
          el('td', null, statusLabel(instance.status)), el('td', { class: 'mono', text: instance.state }),
          el('td', { class: 'mono', text: pathText(instance) }));
      })));
    container.appendChild(machines);
    container.appendChild(findingsSection(diagnosis.findings, 'Findings'));
    var renderEvents = function (into) { renderDeploymentEvents(log, into, ready); };

    var rest = el('div');
    container.appendChild(rest);
    afterPaint(function () {
      if (window.performance && performance.mark) { performance.mark('retrace-verdict-shown'); }
      whenParsed(function () { renderEvents(rest); });
    });
  }

  // A lifecycle state's node, clicked, shows the events of that status in the table.
  function linkLifecycleStates(picture) {
    Array.prototype.forEach.call(picture.querySelectorAll('g.node'), function (group) {
      var label = group.querySelector('text');
      var state = label ? label.textContent.trim() : '';
      if (!state) { return; }
      group.classList.add('clickable');
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.setAttribute('aria-label', 'Events of ' + state);
      group.setAttribute('data-state', state);
      var open = function (event) {
        event.preventDefault();
        if (current && current.table.filterType(state)) { scrollTo('section-events'); }
      };
      group.addEventListener('click', open);
      group.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { open(event); } });
    });
  }

  function renderDeploymentEvents(log, container, ready) {
    var resources = {};
    eventsOf(log).forEach(function (event) { if (event[4]) { resources[event[4]] = true; } });
    var table = eventTable(log, {
      titles: ['Event', 'Time', 'Status', 'Resource', 'Message'],
      places: Object.keys(resources).sort(), placeLabel: 'Resource', placesLabel: 'resources',
      cells: function (event) { return [String(event[0]), event[2] || '–', event[3], event[4], event[6].message || '']; },
      matchesPlace: function (event, name) { return event[4] === name; }
    });
    container.appendChild(table.node);
    table.refresh();
    var warnings = warningsSection(log.report.warnings);
    if (warnings) { container.appendChild(warnings); }
    ready({ table: table, showState: function () { return false; }, close: function () { table.closeDetail(); } });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Many logs: the index.

  function renderIndex(container) {
    var index = page.index;
    container.appendChild(el('h1', { id: 'title', text: page.title }));
    var totals = index.totals;
    var failedCount = (totals.failed || 0) + (totals.timed_out || 0) + (totals.aborted || 0);
    container.appendChild(el('p', null, el('span', { id: 'verdict', role: 'status', class: 'verdict ' + (failedCount ? 'failed' : 'succeeded'),
      text: failedCount ? '✗ ' + failedCount + ' of ' + totals.count + ' did not succeed' : '✓ all ' + totals.count + ' succeeded' })));
    container.appendChild(el('div', { class: 'facts' }, Object.keys(totals).filter(function (key) { return key !== 'count' && totals[key]; })
      .map(function (key) { return el('span', null, el('b', { text: String(totals[key]) }), ' ' + key); })));

    var groups = section('groups', 'Failures by root cause (' + index.groups.length + ')');
    if (index.groups.length === 0) { groups.appendChild(el('p', { class: 'muted', text: 'No failures.' })); }
    index.groups.forEach(function (group, position) {
      var rows = page.groupRows[position] || [];
      groups.appendChild(el('div', { class: 'finding error', id: 'group-' + position },
        el('h3', null, el('span', { text: plural(group.count, 'log') + ': ' }), el('code', { text: group.signature.error })),
        el('p', null, 'at ', el('span', { class: 'mono', text: group.signature.place })),
        el('p', null, rows.slice(0, 12).map(function (row, at) {
          return [at ? ', ' : '', el('a', { href: '#log-' + row, text: index.executions[row].name })];
        }), rows.length > 12 ? ' … and ' + (rows.length - 12) + ' more' : '')));
    });
    container.appendChild(groups);

    var overview = section('overview', 'Durations and failures');
    var durations = index.executions.filter(function (row) { return row.durationMs !== null; });
    if (durations.length) {
      var max = Math.max.apply(null, durations.map(function (row) { return row.durationMs; }));
      var bins = 24;
      var counts = [];
      var failedBins = [];
      for (var bin = 0; bin < bins; bin += 1) { counts.push(0); failedBins.push(0); }
      durations.forEach(function (row) {
        var at = max ? Math.min(bins - 1, Math.floor(row.durationMs / max * bins)) : 0;
        counts[at] += 1;
        if (isFailure(row.outcome)) { failedBins[at] += 1; }
      });
      var tallest = Math.max.apply(null, counts);
      var histogram = el('div', { class: 'histogram', role: 'img', 'aria-label': 'Histogram of execution durations' });
      counts.forEach(function (count, at) {
        var bar = el('div', { class: 'bar' + (failedBins[at] * 2 > count ? ' failed' : ''),
          title: duration(Math.round(at * max / bins)) + ' – ' + duration(Math.round((at + 1) * max / bins)) + ': ' + plural(count, 'execution') + ', ' + failedBins[at] + ' not succeeded' });
        bar.style.height = (tallest ? count / tallest * 100 : 0) + '%';
        histogram.appendChild(bar);
      });
      overview.appendChild(el('h3', { text: 'Durations (' + plural(durations.length, 'execution') + '; hatched red bars: mostly failed)' }));
      overview.appendChild(histogram);
      overview.appendChild(el('div', { class: 'axis' }, el('span', { text: '0' }), el('span', { text: duration(max) })));
    }
    var perState = {};
    var failedRows = index.executions.filter(function (row) { return isFailure(row.outcome) && row.rootCause; });
    failedRows.forEach(function (row) {
      var state = row.rootCause.location.filter(function (part) { return part.kind === 'state' || part.kind === 'resource'; }).map(function (part) { return part.name; }).pop() || '(execution)';
      perState[state] = (perState[state] || 0) + 1;
    });
    var states = Object.keys(perState).sort(function (a, b) { return perState[b] - perState[a]; });
    if (states.length) {
      overview.appendChild(el('h3', { text: 'Share of failures by state' }));
      var share = el('div', { class: 'share' });
      states.forEach(function (state) {
        var fraction = perState[state] / failedRows.length;
        var meter = el('div', { class: 'meter' }, el('span'));
        meter.firstChild.style.width = (fraction * 100) + '%';
        share.appendChild(el('span', { class: 'mono', text: state }));
        share.appendChild(meter);
        share.appendChild(el('span', { text: Math.round(fraction * 100) + ' % (' + perState[state] + ')' }));
      });
      overview.appendChild(share);
    }
    container.appendChild(overview);

    var list = section('executions', 'Logs (' + index.executions.length + ')');
    list.appendChild(el('table', { class: 'plain' },
      el('tr', null, ['#', 'Name', 'Outcome', 'Duration', 'Root cause'].map(function (title) { return el('th', { text: title }); })),
      index.executions.map(function (row, position) {
        return el('tr', null, el('td', { class: 'num', text: String(position + 1) }),
          el('td', null, el('a', { href: '#log-' + position, text: row.name })), el('td', null, statusLabel(row.outcome)),
          el('td', { class: 'num', text: duration(row.durationMs) }),
          el('td', null, row.rootCause ? [el('span', { class: 'mono', text: row.rootCause.path }), row.rootCause.error ? [' — ', el('code', { text: row.rootCause.error })] : null] : ''));
      })));
    container.appendChild(list);
    var warnings = warningsSection(page.warnings.concat(index.warnings || []));
    if (warnings) { container.appendChild(warnings); }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Navigation.

  var opened = -1;
  var ignoreHash = false;

  function setHash(hash) {
    var full = page.kind === 'batch' && opened >= 0 ? 'log-' + opened + '/' + hash : hash;
    if (window.location.hash.slice(1) === full) { return; }
    ignoreHash = true;
    history.replaceState(null, '', '#' + full);
    ignoreHash = false;
  }

  // Draws log `number` (parsing its data now), then calls `then` once it is whole.
  function openLog(number, then) {
    if (opened === number && current) { then(); return; }
    var log = readJSON('retrace-log-' + number);
    if (!log) { return; }
    log.number = number;
    app.textContent = '';
    if (page.kind === 'batch') {
      app.appendChild(el('p', null, el('a', { href: '#index', id: 'back', text: '← All ' + page.logCount + ' logs' })));
    }
    opened = number;
    current = null;
    app.removeAttribute('data-ready');
    document.title = log.name + ' · retrace report';
    (log.kind === 'deployment' ? renderDeployment : renderExecution)(log, number, app, function (api) {
      if (opened !== number) { return; }
      current = api;
      app.setAttribute('data-ready', 'log-' + number);
      then();
    });
  }

  function openIndex() {
    opened = -1;
    current = null;
    app.textContent = '';
    renderIndex(app);
    app.setAttribute('data-ready', 'index');
    afterPaint(function () { if (window.performance && performance.mark) { performance.mark('retrace-verdict-shown'); } });
    document.title = page.title;
  }

  function follow() {
    if (ignoreHash) { return; }
    var hash = window.location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (error) { return; }
    if (page.kind === 'batch') {
      var match = /^log-(\d+)(?:\/(.*))?$/.exec(hash);
      if (!match && opened >= 0 && /^(event|state)-/.test(hash)) { match = [hash, String(opened), hash]; }
      if (!match) { if (opened !== -1 || !app.querySelector('#section-groups')) { openIndex(); } if (hash && hash !== 'index') { scrollTo(hash); } return; }
      var inside = match[2] || '';
      openLog(Number(match[1]), function () { if (inside) { applyHash(inside); } else { window.scrollTo(0, 0); } });
      return;
    }
    applyHash(hash);
  }

  function applyHash(hash) {
    if (!current) { return; }
    if (hash.indexOf('event-') === 0) {
      if (current.table.selectId(hash.slice(6))) { current.table.scroller.scrollIntoView({ block: 'center' }); }
    } else if (hash.indexOf('state-') === 0) {
      current.showState(hash.slice(6));
    } else if (hash) {
      scrollTo(hash);
    }
  }

  function scrollTo(id) {
    var target = document.getElementById(id);
    if (target) { target.scrollIntoView(); }
  }

  document.addEventListener('keydown', function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.key === 'Escape') {
      if (current) { current.close(); }
      if (typing) { event.target.blur(); }
      return;
    }
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !current) { return; }
    if (event.key === '/') { event.preventDefault(); current.table.search.focus(); }
    else if (event.key === 'g') { scrollTo('section-graph'); }
    else if (event.key === 'e') { scrollTo('section-events'); current.table.scroller.focus(); }
    else if (event.key === 'r') { scrollTo('section-root'); }
  });

  window.addEventListener('hashchange', follow);
  app.textContent = '';
  if (page.kind === 'batch') {
    if (!/^#log-/.test(window.location.hash)) { openIndex(); }
    whenParsed(follow);
  } else {
    openLog(0, follow);
  }
}());
