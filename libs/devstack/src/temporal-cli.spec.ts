import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTemporalCli } from './temporal-cli';

/** Lookup order only; the binaries are empty executable files in temporary directories. */
describe('findTemporalCli', () => {
  let dir: string;

  function executable(relative: string): string {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    return file;
  }

  /** A `go` on PATH that reports GOPATH=<dir>/gopath, as `go env GOPATH` does. */
  function fakeGo(): string {
    const bin = path.join(dir, 'go-bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'go'), `#!/bin/sh\necho ${path.join(dir, 'gopath')}\n`, {
      mode: 0o755,
    });
    return bin;
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-cli-lookup-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prefers $TEMPORAL_CLI over PATH and GOPATH', () => {
    const explicit = executable('explicit/temporal');
    executable('on-path/temporal');
    executable('gopath/bin/temporal');
    const env = { TEMPORAL_CLI: explicit, PATH: [path.join(dir, 'on-path'), fakeGo()].join(':') };
    expect(findTemporalCli(env)).toBe(explicit);
  });

  it('then takes `temporal` on PATH', () => {
    const onPath = executable('on-path/temporal');
    executable('gopath/bin/temporal');
    expect(findTemporalCli({ PATH: [path.join(dir, 'on-path'), fakeGo()].join(':') })).toBe(onPath);
  });

  it('then $(go env GOPATH)/bin/temporal', () => {
    const built = executable('gopath/bin/temporal');
    expect(findTemporalCli({ PATH: fakeGo() })).toBe(built);
  });

  it('finds nothing when none of them has it', () => {
    expect(findTemporalCli({ PATH: fakeGo() })).toBeUndefined();
  });

  it('refuses a $TEMPORAL_CLI that is not executable, naming it', () => {
    const notExecutable = path.join(dir, 'temporal.txt');
    fs.writeFileSync(notExecutable, '');
    expect(() => findTemporalCli({ TEMPORAL_CLI: notExecutable })).toThrow(
      /TEMPORAL_CLI points to .*temporal\.txt/,
    );
  });
});
