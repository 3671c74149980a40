/** Test support for REFI-QDA: validating a .qde against ../shared/refi-qda/Project.xsd with xmllint. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared beside the repository. */
export const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
/** The REFI-QDA project schema, when ../shared is there. */
export const projectXsd = join(shared, 'refi-qda/Project.xsd');

/** Why XSD validation cannot run here, or undefined when it can. */
export function xsdUnavailable(): string | undefined {
  if (!existsSync(projectXsd)) return `${projectXsd} is not there`;
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'xmllint is not installed (Debian: apt-get install libxml2-utils; .ci/run installs it)';
  }
  return undefined;
}

/** Validates XML text against Project.xsd; returns xmllint's complaints, or '' when valid. */
export function validateQde(xml: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'qde-'));
  try {
    const file = join(dir, 'project.qde');
    writeFileSync(file, xml);
    try {
      execFileSync('xmllint', ['--noout', '--schema', projectXsd, file], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
      return '';
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      return err.stderr?.toString() || err.message;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
