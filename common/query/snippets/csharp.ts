import { SNIPPET_ENV, type ResolvedSnippet } from './target'

function str(value: string): string {
  return JSON.stringify(value)
}

export function csharpSnippet(s: ResolvedSnippet): string {
  const credential =
    s.target.credential === 'secret'
      ? [
          `    .WithClientSecret(Environment.GetEnvironmentVariable(${str(SNIPPET_ENV.secret)})`,
          `        ?? throw new InvalidOperationException("Set ${SNIPPET_ENV.secret} to the client secret value."))`,
        ]
      : [
          `    .WithCertificate(new X509Certificate2(`,
          `        Environment.GetEnvironmentVariable(${str(SNIPPET_ENV.certificatePfx)})`,
          `            ?? throw new InvalidOperationException("Set ${SNIPPET_ENV.certificatePfx} to the certificate's .pfx file."),`,
          `        Environment.GetEnvironmentVariable(${str(SNIPPET_ENV.certificatePassword)})))`,
        ]
  const lines = [
    `// ${s.summary}`,
    '// dotnet add package Microsoft.Identity.Client',
    'using System.Net.Http.Headers;',
    ...(s.target.credential === 'certificate' ? ['using System.Security.Cryptography.X509Certificates;'] : []),
    'using Microsoft.Identity.Client;',
    '',
    `var app = ConfidentialClientApplicationBuilder.Create(${str(s.target.clientId)})`,
    `    .WithAuthority(${str(s.authority)})`,
    ...credential,
    '    .Build();',
    `var token = await app.AcquireTokenForClient(new[] { ${str(s.scope)} }).ExecuteAsync();`,
    '',
    'using var http = new HttpClient();',
    `using var request = new HttpRequestMessage(new HttpMethod(${str(s.method)}), ${str(s.url)});`,
    'request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);',
  ]
  for (const [name, value] of s.headers) {
    if (name.toLowerCase() === 'content-type') continue
    lines.push(`request.Headers.TryAddWithoutValidation(${str(name)}, ${str(value)});`)
  }
  if (s.body !== undefined) {
    const contentType = s.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? 'application/json'
    lines.push(
      `request.Content = new StringContent(${str(s.body)}, System.Text.Encoding.UTF8, ${str(contentType.split(';')[0] ?? contentType)});`,
    )
  }
  lines.push(
    'using var response = await http.SendAsync(request);',
    'Console.WriteLine(await response.Content.ReadAsStringAsync());',
    'response.EnsureSuccessStatusCode();',
  )
  return lines.join('\n') + '\n'
}
