// The modal's HTML and CSS: one small self-contained page (system fonts, no external assets).
// It fills the iframe, dims the app behind it and centres a dialog (full screen on phones).

const CSS = String.raw`
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:transparent;font:15px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#30313d;-webkit-font-smoothing:antialiased}
.backdrop{position:fixed;inset:0;background:rgba(10,37,64,.55);display:flex;align-items:center;justify-content:center;padding:24px}
.dialog{position:relative;background:#fff;width:100%;max-width:440px;min-height:520px;max-height:calc(100vh - 48px);border-radius:14px;box-shadow:0 30px 60px -12px rgba(50,50,93,.35),0 18px 36px -18px rgba(0,0,0,.4);display:flex;flex-direction:column;overflow:hidden}
.top{display:flex;align-items:center;justify-content:space-between;padding:14px 16px 14px 24px;border-bottom:1px solid #ebeef1}
.brand{display:flex;align-items:center;gap:8px;font-weight:600;font-size:14px}
.logo{width:24px;height:24px;border-radius:6px;background:#635bff;color:#fff;display:grid;place-items:center;font-size:13px;font-weight:700}
.tag{font-size:11px;font-weight:600;color:#b54708;background:#fffaeb;border:1px solid #fedf89;border-radius:4px;padding:1px 6px}
.icon-btn{border:0;background:transparent;width:32px;height:32px;border-radius:8px;font-size:20px;line-height:1;color:#687385;cursor:pointer}
.icon-btn:hover{background:#f6f8fa}
.body{padding:24px;overflow:auto;flex:1;display:flex;flex-direction:column}
h1{font-size:22px;line-height:1.25;margin:0 0 12px;font-weight:700;color:#1a1b25}
p{margin:0 0 12px;color:#596171}
.muted{color:#687385;font-size:13px}
ul.data{list-style:none;padding:0;margin:8px 0 16px}
ul.data li{display:flex;gap:12px;align-items:flex-start;padding:10px 0;border-bottom:1px solid #f0f2f5}
ul.data li::before{content:"";flex:none;width:8px;height:8px;margin-top:7px;border-radius:50%;background:#635bff}
.spacer{flex:1}
.btn{display:block;width:100%;border:0;border-radius:8px;padding:12px 16px;font:inherit;font-weight:600;cursor:pointer;margin-top:8px}
.btn.primary{background:#635bff;color:#fff}
.btn.primary:hover{background:#5851ea}
.btn.primary:disabled{background:#c4c2ff;cursor:not-allowed}
.btn.secondary{background:#fff;color:#30313d;border:1px solid #d5dbe1}
.btn:focus-visible,.icon-btn:focus-visible,.row:focus-visible,input:focus-visible{outline:2px solid #635bff;outline-offset:2px}
input[type=text],input[type=password],input[type=search]{width:100%;font:inherit;padding:11px 12px;border:1px solid #d5dbe1;border-radius:8px;margin:4px 0 12px;background:#fff}
label.field{font-size:13px;font-weight:600;color:#414552}
.list{display:flex;flex-direction:column;gap:8px;margin-bottom:12px}
.row{display:flex;align-items:center;gap:12px;width:100%;text-align:left;border:1px solid #d5dbe1;border-radius:10px;padding:12px 14px;background:#fff;font:inherit;cursor:pointer;color:inherit}
.row:hover{border-color:#a3acb9;background:#fafbfc}
.row[aria-disabled=true],.row.disabled{opacity:.55;cursor:not-allowed}
.row.selected{border-color:#635bff;box-shadow:0 0 0 1px #635bff}
.row .name{font-weight:600}
.row .sub{font-size:13px;color:#687385}
.row .grow{flex:1;min-width:0}
.bank{width:36px;height:36px;border-radius:8px;background:#f2f1ff;color:#635bff;display:grid;place-items:center;font-weight:700;flex:none}
.badge{font-size:12px;color:#b42318;background:#fef3f2;border-radius:4px;padding:1px 6px;white-space:nowrap}
.banner{border-radius:8px;padding:10px 12px;margin-bottom:12px;font-size:14px}
.banner.error{background:#fef3f2;color:#b42318;border:1px solid #fecdca}
.banner.info{background:#f5f8ff;color:#3538cd;border:1px solid #d1e0ff}
.check{width:22px;height:22px;border-radius:6px;border:1.5px solid #a3acb9;flex:none;display:grid;place-items:center;color:#fff;font-size:14px}
.radio .check{border-radius:50%}
.selected .check{background:#635bff;border-color:#635bff}
.success{width:56px;height:56px;border-radius:50%;background:#e3fcef;color:#0e6245;display:grid;place-items:center;font-size:28px;margin:12px 0 16px}
.spinner{width:28px;height:28px;border:3px solid #e3e8ee;border-top-color:#635bff;border-radius:50%;animation:spin .8s linear infinite;margin:24px auto}
@keyframes spin{to{transform:rotate(360deg)}}
.foot{padding:12px 24px;border-top:1px solid #ebeef1;font-size:12px;color:#8792a2;text-align:center}
@media (max-width:480px){.backdrop{padding:0}.dialog{max-width:none;max-height:none;height:100%;border-radius:0}}
`;

export function modalHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Link your bank account</title>
<style>${CSS}</style>
</head>
<body>
<div class="backdrop">
  <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="title">
    <div class="top">
      <div class="brand"><span class="logo" aria-hidden="true">S</span><span id="business">Link your account</span><span class="tag">Emulator</span></div>
      <button class="icon-btn" type="button" id="close" aria-label="Close" data-testid="close">&times;</button>
    </div>
    <div class="body" id="screen" aria-live="polite"><div class="spinner" role="status" aria-label="Loading"></div></div>
    <div class="foot">Offline Stripe emulator &middot; test data only</div>
  </div>
</div>
<script src="/_emulator/modal/modal.js"></script>
</body>
</html>`;
}

export function oauthHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to your bank</title>
<style>${CSS} .backdrop{background:#f6f8fa}</style>
</head>
<body>
<div class="backdrop">
  <div class="dialog" role="main">
    <div class="top"><div class="brand"><span class="logo" aria-hidden="true">B</span><span id="inst">Your bank</span><span class="tag">Emulator</span></div></div>
    <div class="body" id="screen"><div class="spinner" role="status" aria-label="Loading"></div></div>
  </div>
</div>
<script src="/_emulator/modal/oauth.js"></script>
</body>
</html>`;
}
