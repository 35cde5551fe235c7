(function(){var i=document.getElementById("start-file"),s=document.getElementById("start-status");
i.addEventListener("change",function(){var f=i.files[0],b=JSON.parse(document.getElementById("nb-boot").textContent);if(!f)return;
if(!confirm("用 "+f.name+" 替换本报告现在的内容？（上年报告转为本年报告；本年工作簿照填写的内容。现在的内容作为旧版本保留，可在“版本对比”中查看。）")){i.value="";return;}
s.textContent="正在读取 "+f.name+"…";s.className="built";
f.arrayBuffer().then(function(buf){return fetch("/api/start?f="+encodeURIComponent(b.file)+"&name="+encodeURIComponent(f.name),{method:"POST",headers:{"X-Nianbao-Token":b.token,"Content-Type":"application/octet-stream"},body:buf});})
.then(function(r){return r.json().then(function(d){return [r.status,d];});})
.then(function(a){if(a[0]!==200){s.textContent=a[1].error||"上传失败";s.className="built bad";i.value="";return;}
if(a[1].note)alert(a[1].note);location.reload();});});})();