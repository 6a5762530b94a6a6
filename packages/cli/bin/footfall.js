#!/usr/bin/env node
// Stays in the repo so npm links the `footfall` bin even before the first build.
import '../dist/cli.js';
