(function(){var b=document.getElementById("logout");if(!b)return;
b.addEventListener("click",function(){var d=JSON.parse(document.getElementById("nb-boot").textContent),home=function(){location.href="/";};
fetch("/api/logout",{method:"POST",headers:{"Content-Type":"application/json","X-Nianbao-Token":d.csrf||d.token},body:"{}"}).then(home,home);});})();
