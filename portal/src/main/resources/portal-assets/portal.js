// Confirmation before a form that changes a record is sent (forms with data-confirm); htmx forms use hx-confirm.
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
