import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Docker is not on the test machines; this reads the Dockerfile and checks it against what the build makes
// (npm test builds first).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

interface Stage {
  from: string;
  name: string | null;
  instructions: { keyword: string; args: string }[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
function stages(): Stage[] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const result: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (keyword === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!)!;
      result.push({ from: from!, name: name ?? null, instructions: [] });
    } else {
      result.at(-1)!.instructions.push({ keyword: keyword!, args: args! });
    }
  }
  return result;
}

const argsOf = (stage: Stage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

describe('Dockerfile', () => {
  const [build, runtime, ...more] = stages();

  it('has a build stage with dev dependencies that runs npm ci and npm run build', () => {
    expect(more).toStrictEqual([]);
    expect(build!.name).toBe('build');
    expect(argsOf(build!, 'RUN')).toStrictEqual([expect.stringMatching(/^npm ci\b(?!.*--omit=dev)/), 'npm run build']);
  });

  it('runs the compiled server with plain node, a file the build produces', () => {
    const [cmd] = argsOf(runtime!, 'CMD');
    const command: string[] = JSON.parse(cmd!);
    expect(command[0]).toBe('node');
    const script = command.at(-1)!;
    expect(script).toBe('dist/server/main.js');
    expect(readFileSync(join(ROOT, 'scripts/buildServer.ts'), 'utf8')).toContain("'src/server/main.ts'");
    expect(existsSync(join(ROOT, script)), `${script} after npm run build`).toBe(true);
    expect(existsSync(join(ROOT, 'dist/server/migrations/001_initial.sql'))).toBe(true);
    // The runtime stage has the build's dist/ where the command looks for it.
    expect(argsOf(runtime!, 'WORKDIR')).toStrictEqual(['/app']);
    expect(argsOf(build!, 'WORKDIR')).toStrictEqual(['/app']);
    expect(argsOf(runtime!, 'COPY')).toContain('--from=build /app/dist ./dist');
  });

  it('installs production dependencies only and runs as a user other than root', () => {
    expect(argsOf(runtime!, 'RUN').join(' ')).toMatch(/^npm ci --omit=dev /);
    expect(argsOf(runtime!, 'USER')).toStrictEqual(['node']);
    expect(runtime!.from).toBe(build!.from);
  });

  it('takes DATABASE_URL and PORT from the environment and checks /healthz on that port', () => {
    const [env, ...moreEnv] = argsOf(runtime!, 'ENV');
    expect(moreEnv).toStrictEqual([]);
    expect(stages().flatMap((stage) => [...argsOf(stage, 'ENV'), ...argsOf(stage, 'ARG')]).join(' ')).not.toContain('DATABASE_URL');
    expect(env).toMatch(/\bPORT=3000\b/);
    // The embedded store's memory target (issue 13) is measured with it, as the image runs.
    expect(env).toMatch(/\bMALLOC_ARENA_MAX=2\b/);
    const [healthcheck] = argsOf(runtime!, 'HEALTHCHECK');
    expect(healthcheck).toContain("'http://127.0.0.1:' + process.env.PORT + '/healthz'");
  });

  it('keeps in the context every file of this repo that vite.config.ts imports, as every vite build loads it', () => {
    /** Whether the context holds `path`: the last line of .dockerignore that matches it decides, a `!` line keeping it. */
    const inContext = (path: string) =>
      ignored.reduce((kept, line) => {
        const pattern = line.replace(/^!/, '');
        const matches = path === pattern || path.startsWith(`${pattern}/`) || (pattern.startsWith('*.') && path.endsWith(pattern.slice(1)));
        return matches ? line.startsWith('!') : kept;
      }, true);
    const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
    const imported = [...config.matchAll(/from '\.\/([^']+)'/g)].map(([, path]) => (/\.\w+$/.test(path!) ? path! : `${path}.ts`));
    expect(imported).toContain('test/SlowFilesFirst.ts');
    for (const path of imported) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
      expect(inContext(path), path).toBe(true);
    }
  });

  it('keeps what the build needs in the context and leaves local installs and builds out', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.till-data', '.git']));
    for (const needed of ['package.json', 'package-lock.json', 'index.html', 'vite.config.ts', 'tsconfig.json', 'tsconfig.types.json', 'src', 'scripts']) {
      expect(ignored).not.toContain(needed);
    }
  });
});
