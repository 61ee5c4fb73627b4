/**
 * The export's own script, with no framework. The core runtime runs first: flip cards (click,
 * Enter or Space, `F` for all, arrow keys between cards), role tabs, quiz feedback, the podcast
 * player's chapters and speed, and opening every `<details>` for printing. It reads everything it
 * needs from the markup and writes only text and attributes, never HTML.
 *
 * The core runtime is plain ES2017 in a string because it runs in the exported file, not in this
 * program. The what-if panel's script follows it, bundled from `browser/whatif-entry.ts`, in its
 * own function so that its strict-mode directive applies and an error in it leaves the core
 * working. The document's Content-Security-Policy allows exactly this script by its SHA-256, so
 * any other script in the file, including one smuggled in by user text, is refused by the browser.
 */

import { WHATIF_BUNDLE_JS } from './whatif-bundle';

const CORE_RUNTIME_JS = `(function () {
  'use strict';
  var doc = document;
  function all(selector, root) {
    return Array.prototype.slice.call((root || doc).querySelectorAll(selector));
  }

  var cards = all('[data-card-id]');
  function isFlipped(button) {
    return button.getAttribute('data-flipped') === 'true';
  }
  function setFlipped(button, flipped) {
    button.setAttribute('data-flipped', flipped ? 'true' : 'false');
    button.setAttribute('aria-pressed', flipped ? 'true' : 'false');
    var back = doc.getElementById(button.getAttribute('aria-controls'));
    if (back) back.hidden = !flipped;
    var position = cards.indexOf(button) + 1;
    var state = button.querySelector('[data-flip-state]');
    if (state) {
      state.textContent = 'Card ' + position + ' of ' + cards.length + ', showing the ' +
        (flipped ? 'back' : 'front') + '. ';
    }
    var cue = button.querySelector('[data-flip-cue]');
    if (cue) cue.textContent = flipped ? 'Showing the back. Flip to hide it.' : 'Flip for the explanation and quiz.';
  }
  function flipAll() {
    var showBacks = !cards.every(isFlipped);
    cards.forEach(function (button) { setFlipped(button, showBacks); });
  }
  var ARROW_STEPS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  cards.forEach(function (button, index) {
    button.addEventListener('click', function () { setFlipped(button, !isFlipped(button)); });
    button.addEventListener('keydown', function (event) {
      var step = ARROW_STEPS[event.key];
      if (!step) return;
      event.preventDefault();
      cards[(index + step + cards.length) % cards.length].focus();
    });
  });
  all('[data-flip-all]').forEach(function (button) { button.addEventListener('click', flipAll); });
  doc.addEventListener('keydown', function (event) {
    if (event.key !== 'f' && event.key !== 'F') return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && target.closest && target.closest('input, textarea, select, [contenteditable="true"]')) return;
    event.preventDefault();
    flipAll();
  });

  var tabs = all('[role="tab"]');
  function selectTab(selected, focus) {
    tabs.forEach(function (tab, index) {
      var active = index === selected;
      tab.setAttribute('aria-selected', active ? 'true' : 'false');
      tab.tabIndex = active ? 0 : -1;
      var panel = doc.getElementById(tab.getAttribute('aria-controls'));
      if (panel) panel.hidden = !active;
    });
    if (focus) tabs[selected].focus();
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener('click', function () { selectTab(index, false); });
    tab.addEventListener('keydown', function (event) {
      var moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
      if (!Object.prototype.hasOwnProperty.call(moves, event.key)) return;
      event.preventDefault();
      selectTab((moves[event.key] + tabs.length) % tabs.length, true);
    });
  });

  // Choosing an option only selects it: arrow keys move the choice through a radio group, so
  // grading on each change would spend tries while a keyboard user reads the options. The
  // Check answer button, or Enter on an option, grades the chosen one.
  all('[data-quiz]').forEach(function (question) {
    var attempts = 0;
    var feedback = question.querySelector('[data-quiz-feedback]');
    var explanation = question.querySelector('[data-quiz-explanation]');
    var check = question.querySelector('[data-quiz-check]');
    function show(verdictText, detail, correct) {
      var verdict = doc.createElement('strong');
      verdict.textContent = verdictText;
      feedback.textContent = '';
      feedback.appendChild(verdict);
      feedback.appendChild(doc.createTextNode(' ' + detail));
      if (correct === null) feedback.removeAttribute('data-correct');
      else feedback.setAttribute('data-correct', correct ? 'true' : 'false');
      feedback.hidden = false;
    }
    function grade() {
      var chosen = question.querySelector('input[type="radio"]:checked');
      if (!chosen) {
        show('No option chosen.', 'Choose an option, then check it.', null);
        return;
      }
      attempts += 1;
      var correct = chosen.getAttribute('data-correct') === 'true';
      var verdictText = 'Not quite.';
      if (correct) verdictText = attempts > 1 ? 'Correct on a later try.' : 'Correct.';
      var detail = correct && explanation ? explanation.textContent : 'Try another option, or read the card back again.';
      show(verdictText, detail, correct);
    }
    if (check) check.addEventListener('click', grade);
    all('input[type="radio"]', question).forEach(function (input) {
      input.addEventListener('keydown', function (event) {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        grade();
      });
    });
  });

  var audio = doc.querySelector('[data-podcast-audio]');
  if (audio) {
    var chapters = all('[data-chapter-index]');
    var startsMs = chapters.map(function (button) { return Number(button.getAttribute('data-start-ms')); });
    var showCurrentChapter = function () {
      var nowMs = audio.currentTime * 1000;
      var current = -1;
      startsMs.forEach(function (startMs, index) { if (startMs <= nowMs) current = index; });
      chapters.forEach(function (button, index) {
        var active = index === current;
        button.setAttribute('data-active', active ? 'true' : 'false');
        if (active) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      });
    };
    audio.addEventListener('timeupdate', showCurrentChapter);
    audio.addEventListener('seeked', showCurrentChapter);
    chapters.forEach(function (button, index) {
      button.addEventListener('click', function () {
        audio.currentTime = startsMs[index] / 1000;
        showCurrentChapter();
        var playing = audio.play();
        if (playing && playing.catch) playing.catch(function () { return undefined; });
      });
    });
    var rate = doc.querySelector('[data-playback-rate]');
    if (rate) rate.addEventListener('change', function () { audio.playbackRate = Number(rate.value); });
  }

  var closedForPrint = [];
  window.addEventListener('beforeprint', function () {
    closedForPrint = all('details:not([open])');
    closedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closedForPrint.forEach(function (details) { details.open = false; });
    closedForPrint = [];
  });
  doc.documentElement.setAttribute('data-runtime', 'ready');
})();
`;

/** The export's one inline script: the core runtime, then the what-if panel's. */
export const EXPORT_RUNTIME_JS = `${CORE_RUNTIME_JS}(function () {\n${WHATIF_BUNDLE_JS}\n})();\n`;
