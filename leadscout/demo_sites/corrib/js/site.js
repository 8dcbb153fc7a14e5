(function(){var n=document.getElementById('cookieNotice');if(!n)return;if(!localStorage.getItem('cb-cookies')){n.hidden=false;}
document.getElementById('cookieOk').addEventListener('click',function(){localStorage.setItem('cb-cookies','1');n.hidden=true;});})();
