// Runs a real VS Code (code-server) with a fresh profile: installs the .vsix, starts the server in its own process
// group (so that stopping it also stops the extension host and the language server) and waits until it answers.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** XDG folders inside the test's temporary folder: VS Code and Chromium otherwise write into $HOME. */
export function isolatedEnv(tmp, extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of ['CONFIG', 'DATA', 'CACHE', 'STATE']) {
    env[`XDG_${name}_HOME`] = path.join(tmp, 'xdg', name.toLowerCase());
    fs.mkdirSync(env[`XDG_${name}_HOME`], { recursive: true });
  }
  return env;
}

export async function startCodeServer({ codeServer, nodeBin, tmp, vsix, settings, log, workspaceTrust = false }) {
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  // User settings live in the browser's profile; machine-scoped ones (codeassist.server.path) only apply from the
  // server side's Machine settings, so both get the same file.
  for (const scope of ['User', 'Machine']) {
    fs.mkdirSync(path.join(userDataDir, scope), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, scope, 'settings.json'), JSON.stringify(settings, null, 2));
  }
  // code-server needs Node 24; the extension host runs on the same node.
  const env = isolatedEnv(tmp, { PATH: `${nodeBin}:${process.env.PATH}` });
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  execFileSync(codeServer, [...common, '--install-extension', vsix], { env, stdio: ['ignore', 'pipe', 'pipe'] });

  const port = await freePort();
  const logFd = fs.openSync(log, 'a');
  const child = spawn(
    codeServer,
    [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override'],
    { env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`code-server did not start (exit ${child.exitCode}); see ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    /** The process group of code-server, its extension host and the language server it starts. */
    processGroup: child.pid,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
