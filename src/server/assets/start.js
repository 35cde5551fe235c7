(function(){var i=document.getElementById("start-file"),s=document.getElementById("start-status");
i.addEventListener("change",function(){var f=i.files[0],b=JSON.parse(document.getElementById("nb-boot").textContent);if(!f)return;
if(!confirm("用 "+f.name+" 替换本报告现在的内容？（上年报告转为本年报告；本年工作簿照填写的内容。现在的内容作为旧版本保留，可在“版本对比”中查看。）")){i.value="";return;}
s.textContent="正在读取 "+f.name+"…";s.className="built";
var target="/api/start?f="+encodeURIComponent(b.file)+"&name="+encodeURIComponent(f.name);
var send=function(buf,accept){return fetch(target+(accept?"&accept=1":""),{method:"POST",headers:{"X-Nianbao-Token":b.token,"Content-Type":"application/octet-stream"},body:buf})
.then(function(r){return r.json().then(function(d){return [r.status,d];});});};
// Tracked changes or comments still in the Word document: named, and read
// as accepted only when the unit says so, as the workbench asks.
f.arrayBuffer().then(function(buf){return send(buf,false).then(function(a){
if(a[0]!==409||!a[1].unaccepted)return a;
s.textContent=a[1].error;s.className="built bad";
if(!confirm(a[1].error+"\n\n按接受全部修订后的文字导入？"))return [409,a[1]];
s.textContent="正在按接受修订后的文字读取 "+f.name+"…";s.className="built";
return send(buf,true);});})
.then(function(a){if(a[0]!==200){s.textContent=a[1].error||"上传失败";s.className="built bad";i.value="";return;}
if(a[1].note)alert(a[1].note);location.reload();});});})();
