// An OpenAI-compatible upstream in another runtime and process, for measuring the gateway with tools that are not
// part of the project: POST /v1/chat/completions answers at once (JSON, or SSE with "stream": true).
// Usage: node scripts/mock-upstream.js [port]   (prints "listening on <port>")
const http = require('http');

const port = Number(process.argv[2] || 0);

function completion(model) {
  return {
    id: 'chatcmpl-mock', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the mock.' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function chunk(model, delta, finish) {
  return 'data: ' + JSON.stringify({
    id: 'chatcmpl-mock', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) + '\n\n';
}

// What the gateway's client does to this server, printed at exit: how many requests, over how many connections,
// and how many asked to upgrade to h2c.
const seen = { requests: 0, connections: 0, upgrades: 0 };

const server = http.createServer((req, res) => {
  seen.requests++;
  if (req.headers.upgrade) seen.upgrades++;
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(req.url.endsWith('/models') ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'mock', object: 'model' }] }));
      return;
    }
    let request = {};
    try { request = JSON.parse(body); } catch (e) { /* answered anyway */ }
    const model = request.model || 'mock';
    if (request.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk(model, { role: 'assistant', content: 'Hello' }, null));
      res.write(chunk(model, { content: ' from the mock.' }, null));
      res.write(chunk(model, {}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    const json = JSON.stringify(completion(model));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  });
});
server.on('connection', () => { seen.connections++; });
server.keepAliveTimeout = 65000;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => { console.log(JSON.stringify(seen)); process.exit(0); });
}
server.listen(port, '127.0.0.1', () => console.log('listening on ' + server.address().port));
