// Shows upload progress for the file forms (data-progress) and then follows the server's answer.
document.querySelectorAll('form[data-progress]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var bar = form.querySelector('progress');
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && bar) { bar.hidden = false; bar.max = e.total; bar.value = e.loaded; }
    });
    request.addEventListener('load', function () {
      if (request.responseURL && new URL(request.responseURL).pathname === '/my') { window.location.assign('/my'); return; }
      document.open(); document.write(request.responseText); document.close();
    });
    request.send(new FormData(form));
  });
});
