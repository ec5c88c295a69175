/*!
 * Pivot — widget de discussion de l'assistant du cabinet.
 * À coller dans le site du cabinet :
 *   <script src="https://pivot.example.fr/assistant-widget.js" data-practice="identifiant-du-cabinet" async></script>
 * Options : data-lang="fr|en", data-label="Texte du bouton", data-position="right|left".
 * Un bouton flottant ouvre la discussion dans un cadre (iframe) servi par Pivot ; Échap la ferme.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) {
    var all = document.querySelectorAll('script[data-practice]');
    script = all[all.length - 1];
  }
  if (!script || window.__pivotAssistantWidget) return;
  window.__pivotAssistantWidget = true;

  var practice = (script.getAttribute('data-practice') || '').trim().toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(practice)) {
    if (window.console) console.error('[Pivot] data-practice manquant ou invalide sur le script du widget.');
    return;
  }
  var origin = new URL(script.src, document.baseURI).origin;
  var lang = script.getAttribute('data-lang') || (document.documentElement.lang || 'fr').slice(0, 2);
  if (lang !== 'en') lang = 'fr';
  var left = script.getAttribute('data-position') === 'left';
  var text = {
    fr: { open: 'Écrire au cabinet', close: 'Fermer la discussion', title: 'Discussion avec l’assistant du cabinet' },
    en: { open: 'Message the practice', close: 'Close the chat', title: 'Chat with the practice’s assistant' },
  }[lang];
  var label = script.getAttribute('data-label') || text.open;
  var side = left ? 'left' : 'right';
  var id = 'pivot-assistant-' + Math.random().toString(36).slice(2, 8);

  var style = document.createElement('style');
  style.textContent =
    '.pivot-aw-button{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483000;display:inline-flex;align-items:center;gap:8px;' +
    'padding:12px 18px;border:2px solid #fff;border-radius:999px;background:#0b6b75;color:#fff;font:600 16px/1.2 system-ui,sans-serif;' +
    'box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer}' +
    '.pivot-aw-button:hover{background:#08545c}' +
    '.pivot-aw-button:focus-visible,.pivot-aw-close:focus-visible{outline:3px solid #0a58ca;outline-offset:3px}' +
    '.pivot-aw-panel{position:fixed;bottom:84px;' + side + ':20px;z-index:2147483001;width:min(400px,calc(100vw - 24px));' +
    'height:min(640px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid #8a96a3;border-radius:12px;' +
    'box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}' +
    '.pivot-aw-panel[hidden]{display:none}' +
    '.pivot-aw-bar{display:flex;justify-content:flex-end;padding:2px 4px;background:#f3f5f7;border-bottom:1px solid #d3dae0}' +
    '.pivot-aw-close{width:32px;height:32px;border:1px solid transparent;border-radius:6px;background:none;color:#1b2530;font:24px/1 system-ui,sans-serif;cursor:pointer}' +
    '.pivot-aw-close:hover{background:#e2e7eb}' +
    '.pivot-aw-frame{flex:1;width:100%;border:0}' +
    '@media (max-width:480px){.pivot-aw-panel{bottom:0;' + side + ':0;width:100vw;height:100vh;border-radius:0}}';
  document.head.appendChild(style);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'pivot-aw-button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  button.innerHTML =
    '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="currentColor">' +
    '<path d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
  button.appendChild(document.createTextNode(label));

  var panel = document.createElement('div');
  panel.id = id;
  panel.className = 'pivot-aw-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', text.title);
  panel.hidden = true;

  var bar = document.createElement('div');
  bar.className = 'pivot-aw-bar';
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'pivot-aw-close';
  close.setAttribute('aria-label', text.close);
  close.innerHTML = '<span aria-hidden="true">\u00d7</span>';
  bar.appendChild(close);
  panel.appendChild(bar);

  var frame = null;
  function open() {
    if (!frame) {
      // Created on first opening only: nothing is loaded from Pivot until the visitor asks for it.
      frame = document.createElement('iframe');
      frame.className = 'pivot-aw-frame';
      frame.title = text.title;
      frame.src = origin + '/#/chat/' + encodeURIComponent(practice) + '?embed=1&lang=' + lang;
      frame.setAttribute('allow', 'clipboard-write');
      frame.addEventListener('load', function () {
        if (!panel.hidden) focusFrame();
      });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    focusFrame();
  }
  function focusFrame() {
    try {
      frame.focus();
      var doc = frame.contentWindow;
      if (doc) doc.focus();
    } catch (e) {
      /* cross-origin: the iframe element itself has the focus */
    }
  }
  function hide() {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', function () {
    if (panel.hidden) open();
    else hide();
  });
  close.addEventListener('click', hide);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !panel.hidden) hide();
  });
  // Escape pressed inside the iframe: the chat page tells us.
  window.addEventListener('message', function (event) {
    if (event.origin === origin && event.data && event.data.type === 'pivot-assistant:close') hide();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
