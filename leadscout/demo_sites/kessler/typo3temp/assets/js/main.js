/* Kessler Maschinenbau - main.js */
document.addEventListener('DOMContentLoaded', function () {
  var links = document.querySelectorAll('a[href^="mailto:"]');
  for (var i = 0; i < links.length; i++) { links[i].setAttribute('title', 'E-Mail senden'); }
});
