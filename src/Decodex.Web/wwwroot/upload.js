// Shows upload progress for the file forms (data-progress), then "Reading your file…" while the server
// reads it, and then follows the server's answer (a redirect to what was read, or the refusal page).
document.querySelectorAll('form[data-progress]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var bar = form.querySelector('progress');
    var status = form.querySelector('.upload-status');
    var button = form.querySelector('button[type="submit"]');
    if (button) { button.disabled = true; }
    if (status) { status.textContent = 'Sending your file…'; }
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && bar) { bar.hidden = false; bar.max = e.total; bar.value = e.loaded; }
    });
    request.upload.addEventListener('load', function () {
      // Every byte is sent: the server now reads the file, which can take a few seconds.
      if (bar) { bar.removeAttribute('value'); }
      if (status) { status.textContent = 'Reading your file…'; }
    });
    request.addEventListener('load', function () {
      if (request.responseURL) {
        var url = new URL(request.responseURL);
        if (url.origin === window.location.origin && url.pathname.indexOf('/my') === 0 && request.status === 200 && url.pathname !== '/my/uploads') {
          window.location.assign(url.pathname + url.search); return;
        }
      }
      document.open(); document.write(request.responseText); document.close();
    });
    request.addEventListener('error', function () {
      if (button) { button.disabled = false; }
      if (status) { status.textContent = 'The file could not be sent. Check your connection and try again.'; }
    });
    request.send(new FormData(form));
  });
});
