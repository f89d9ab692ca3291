'use strict';
// The app and nginx for the browser tests, started exactly as `make run`
// does (deploy/run.sh) and as tests/http/run.py does: a fresh STATE in a
// temporary directory, a free port of 127.0.0.1, a database made by
// `cocreate init` with a deadline 30 days ahead, and staff accounts made by
// `cocreate user add --password-stdin`.

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const readline = require('readline');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/* A port of 127.0.0.1 that nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* The deadline of a new database: 30 days from now, UTC, whole seconds. */
function deadlineAhead(days) {
	const t = new Date(Date.now() + days * 86400e3);
	t.setUTCMilliseconds(0);
	return t.toISOString().replace('.000Z', 'Z');
}

class Server {
	constructor(bin, { keep = false } = {}) {
		this.bin = path.resolve(bin);
		this.keep = keep;
		this.state = fs.mkdtempSync(path.join(os.tmpdir(), 'cocreate-browser-'));
		this.db = path.join(this.state, 'cocreate.db');
		this.proc = null;
		this.base = null;
	}

	init() {
		this.deadline = deadlineAhead(30);
		execFileSync(this.bin, ['init', '--db', this.db, '--deadline', this.deadline],
		    { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60e3 });
	}

	/* Adds a staff account with a known password. */
	addUser(login, role, agency, password) {
		const args = ['user', 'add', '--db', this.db, '--login', login,
		    '--role', role, '--password-stdin'];
		if (agency)
			args.push('--agency', agency);
		execFileSync(this.bin, args, { input: password + '\n',
		    stdio: ['pipe', 'pipe', 'pipe'], timeout: 60e3 });
	}

	/* Starts deploy/run.sh; resolves with the base URL on its ready line. */
	async start(timeoutMs = 20e3) {
		const port = await freePort();
		const env = Object.assign({}, process.env, {
			PORT: String(port), STATE: this.state, BIN: this.bin, WORKERS: '2',
			// The flows post faster than a person: raise nginx's flood limits.
			CC_POST_RATE: '10000r/s', CC_POST_BURST: '10000',
			CC_LOGIN_RATE: '10000r/s', CC_LOGIN_BURST: '10000',
		});
		delete env.DEADLINE;
		const stderr = fs.openSync(path.join(this.state, 'run.stderr'), 'w');
		// detached: a process group of its own, stopped as a whole.
		this.proc = spawn('bash', ['deploy/run.sh'], {
			cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', stderr],
		});
		fs.closeSync(stderr);
		const want = `ready: http://127.0.0.1:${port}/`;
		const rl = readline.createInterface({ input: this.proc.stdout });
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(
			    `no "${want}" from deploy/run.sh in ${timeoutMs / 1000} s`)), timeoutMs);
			rl.on('line', (line) => {
				if (line.trim() === want) {
					clearTimeout(timer);
					this.base = `http://127.0.0.1:${port}`;
					resolve(this.base);
				}
			});
			this.proc.on('exit', (code) => {
				clearTimeout(timer);
				if (this.base === null)
					reject(new Error(`deploy/run.sh exited (status ${code}) before it was ready`));
			});
		});
	}

	/* SIGTERM to run.sh's process group, SIGKILL after 10 s.  Returns ""
	 * or what went wrong. */
	async stop() {
		let problem = '';
		if (this.proc !== null) {
			const pgid = this.proc.pid;
			const alive = () => {
				try { process.kill(-pgid, 0); return true; } catch (e) { return false; }
			};
			try { process.kill(-pgid, 'SIGTERM'); } catch (e) { /* gone */ }
			const end = Date.now() + 10e3;
			while (alive() && Date.now() < end)
				await new Promise((r) => setTimeout(r, 50));
			if (alive()) {
				problem = 'not stopped 10 s after SIGTERM to deploy/run.sh\'s process group';
				try { process.kill(-pgid, 'SIGKILL'); } catch (e) { /* gone */ }
			}
			this.proc = null;
		}
		if (!this.keep)
			fs.rmSync(this.state, { recursive: true, force: true });
		return problem;
	}

	logs() {
		let out = '';
		for (const name of ['cocreate.log', 'nginx-error.log', 'run.stderr']) {
			try {
				out += `---- ${name}\n` + fs.readFileSync(path.join(this.state, name), 'utf8').slice(-8000);
			} catch (e) { /* missing */ }
		}
		return out;
	}
}

module.exports = { Server, ROOT };
