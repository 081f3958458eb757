#!/usr/bin/env node
import { runCli } from './run-cli.js';

// The exit code is set, not forced: `spell serve` keeps running after runCli returns.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
