const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sign-in form: one `token` field (the API token, or LOGIN_PASSWORD), plus a user name when LOGIN_USER is set. */
export function loginPage(options: { error?: string; next?: string; withUser: boolean }): string {
  const error = options.error ? `<p class="error" role="alert">${escape(options.error)}</p>` : '';
  const user = options.withUser ? `<label>User <input name="user" autocomplete="username" required></label>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · gearsync</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body class="login">
<main>
<h1>gearsync</h1>
<form method="post" action="/login">
${error}
${user}
<label>API token or password <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<input type="hidden" name="next" value="${escape(options.next ?? '/')}">
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>`;
}
