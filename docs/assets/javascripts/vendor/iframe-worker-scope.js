/*! iframe-worker 1.0.4 (MIT, Martin Donath; see iframe-worker.LICENSE): the worker scope
    the shim's iframe runs in – postMessage to the page, importScripts, error reporting.
    In the original this is an inline script; a file here, so that the site's
    Content-Security-Policy needs no 'unsafe-inline'. It removes its own <script> element:
    Material's search worker takes its base URL from the first script[src] in the iframe. */
"use strict";(()=>{var me=document.currentScript,worker=me.getAttribute("data-worker");me.remove();window.postMessage=function(s,n){parent.postMessage(s,n||"*")};window.importScripts=function(...s){return s.reduce((n,e)=>n.then(()=>new Promise(r=>{let t=document.createElement("script");t.src=e,t.onload=r,document.body.appendChild(t)})),Promise.resolve())};addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",{filename:decodeURI(worker),error}))})})();
