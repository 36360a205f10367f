// Door check-in: optional camera scanning of the ticket QR code. Progressive enhancement: without
// JavaScript, a camera or permission, the page stays a plain form (type or USB-scan the code).
// Uses the browser's BarcodeDetector where it reads QR codes, else the small jsQR library.
(function () {
  'use strict';
  var form = document.querySelector('.door-form');
  if (!form || !navigator.mediaDevices || typeof navigator.mediaDevices.getUserMedia !== 'function') return;
  var input = form.querySelector('#door-code');
  var start = document.createElement('button');
  start.type = 'button';
  start.className = 'button button-secondary door-camera';
  start.textContent = form.getAttribute('data-camera-start');
  form.appendChild(start);

  var panel = null;
  var stream = null;
  var timer = null;

  function loadJsQr() {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) return resolve();
      var script = document.createElement('script');
      script.src = '/static/vendor/jsQR.js';
      script.onload = function () { resolve(); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function makeReader() {
    var native = window.BarcodeDetector && typeof window.BarcodeDetector.getSupportedFormats === 'function'
      ? window.BarcodeDetector.getSupportedFormats().catch(function () { return []; })
      : Promise.resolve([]);
    return native.then(function (formats) {
      if (formats.indexOf('qr_code') >= 0) {
        var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return function (video) {
          return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
        };
      }
      return loadJsQr().then(function () {
        var canvas = document.createElement('canvas');
        var context = canvas.getContext('2d', { willReadFrequently: true });
        return function (video) {
          if (!video.videoWidth) return Promise.resolve(null);
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          return Promise.resolve(code ? code.data : null);
        };
      });
    });
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    if (panel) panel.remove();
    panel = null;
    start.hidden = false;
  }

  function fail() {
    stop();
    var note = document.createElement('p');
    note.className = 'notice notice-warning door-camera-error';
    note.setAttribute('role', 'status');
    note.textContent = form.getAttribute('data-camera-error');
    form.appendChild(note);
  }

  start.addEventListener('click', function () {
    start.hidden = true;
    panel = document.createElement('div');
    panel.className = 'door-camera-panel';
    var video = document.createElement('video');
    video.setAttribute('playsinline', '');
    video.setAttribute('aria-label', form.getAttribute('data-camera-label'));
    video.muted = true;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'button button-secondary';
    close.textContent = form.getAttribute('data-camera-stop');
    close.addEventListener('click', stop);
    panel.appendChild(video);
    panel.appendChild(close);
    form.parentNode.insertBefore(panel, form);

    Promise.all([navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }), makeReader()])
      .then(function (results) {
        stream = results[0];
        var read = results[1];
        video.srcObject = stream;
        return video.play().then(function () {
          var scan = function () {
            read(video)
              .then(function (value) {
                if (!stream) return;
                if (value) {
                  input.value = value;
                  stop();
                  if (typeof form.requestSubmit === 'function') form.requestSubmit();
                  else form.submit();
                } else {
                  timer = setTimeout(scan, 150);
                }
              })
              .catch(fail);
          };
          scan();
        });
      })
      .catch(fail);
  });
})();
