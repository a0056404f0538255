/**
 * The config-management half of NAPALM's `ios` driver, ported line for line so a test can send
 * exactly what NAPALM sends and judge the answers by NAPALM's (and Netmiko's) own rules.
 *
 * Sources (read with the project's search tool; Debian does not package NAPALM):
 * - napalm-automation/napalm `napalm/ios/ios.py` at commit ee70e634 (release 5.2.0 + 3 commits):
 *   `_load_candidate_wrapper`, `_xfer_file`, `_gen_full_path`, `compare_config`,
 *   `_normalize_compare_config`, `_normalize_merge_diff_incr`, `_file_prompt_quiet`,
 *   `_commit_handler`, `commit_config`, `_check_archive_feature`, `_gen_rollback_cfg`,
 *   `_check_file_exists`, `discard_config`, `rollback`, `get_config`, `close`.
 * - ktbyers/netmiko at commit 66b916f6 (4.5.0 + 232), which NAPALM drives:
 *   `netmiko/scp_handler.py` (`BaseFileTransfer`: `check_file_exists`, `remote_space_available`,
 *   `process_md5`, `remote_md5`, `compare_md5`, `put_file`), `netmiko/cisco_base_connection.py`
 *   (`_autodetect_fs`), `netmiko/cisco/cisco_ios.py` (`save_config` = `write mem`,
 *   `set_base_prompt` keeps 16 characters), `netmiko/base_connection.py` (`strip_command`,
 *   `strip_prompt`, `send_config_set`).
 * Each method names the Python it mirrors; the regular expressions are theirs.
 */
import crypto from 'node:crypto';
import { ShellClient } from './shell-client';
import { scpPut } from './scp-put';

export class NapalmError extends Error {}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface NapalmLogin {
  port: number;
  username: string;
  password: string;
}

/** What NAPALM's IOSDriver keeps between calls, and the Netmiko connection under it. */
export class NapalmIosPort {
  /** Every command sent on the shell, in order, for the test to compare with NAPALM's sequence. */
  readonly sent: string[] = [];
  readonly candidateCfg = 'candidate_config.txt';
  readonly mergeCfg = 'merge_config.txt';
  readonly rollbackCfg = 'rollback_config.txt';
  configReplace = false;
  private promptQuietChanged = false;
  private promptQuietConfigured: boolean | undefined;
  private destFileSystemCache: string | undefined;
  private basePrompt = '';

  private constructor(
    private readonly shell: ShellClient,
    private readonly login: NapalmLogin,
  ) {}

  /**
   * IOSDriver.open(): Netmiko's cisco_ios session_preparation (width, paging, prompt).
   * `destFileSystem` is the optional_args key of that name (None: autodetected).
   */
  static async open(login: NapalmLogin, optionalArgs: { destFileSystem?: string } = {}): Promise<NapalmIosPort> {
    const shell = await ShellClient.open(login.port, { username: login.username, password: login.password });
    await shell.readUntil();
    const driver = new NapalmIosPort(shell, login);
    driver.destFileSystemCache = optionalArgs.destFileSystem;
    await driver.sendCommand('terminal width 511');
    await driver.sendCommand('terminal length 0');
    await driver.setBasePrompt();
    return driver;
  }

  // ---- Netmiko (BaseConnection / CiscoBaseConnection) ----

  /** find_prompt(): a RETURN, and the last line that comes back. */
  async findPrompt(): Promise<string> {
    this.shell.send('\n');
    const out = await this.shell.readUntil(/[>#]\s*$/);
    return out.replace(/\r/g, '').split('\n').at(-1)?.trim() ?? '';
  }

  /** cisco_ios set_base_prompt(): the prompt without its `#`, cut at 16 characters. */
  async setBasePrompt(): Promise<string> {
    const prompt = await this.findPrompt();
    this.basePrompt = prompt.slice(0, -1).slice(0, 16);
    return this.basePrompt;
  }

  /** send_command(): reads to the prompt (or `expect`), then strip_command and strip_prompt. */
  async sendCommand(command: string, expect?: RegExp): Promise<string> {
    this.sent.push(command);
    const pattern = expect ?? new RegExp(`${escapeRegex(this.basePrompt)}[^\\n]*[#>]\\s*$`);
    let output = (await this.shell.command(command, pattern)).replace(/\r/g, '');
    if (output.startsWith(command.trim())) output = output.split('\n').slice(1).join('\n');
    const lines = output.split('\n');
    if (this.basePrompt !== '' && (lines.at(-1) ?? '').includes(this.basePrompt)) output = lines.slice(0, -1).join('\n');
    return output;
  }

  /** send_config_set(): `configure terminal`, each line, `end` (exit_config_mode). */
  async sendConfigSet(commands: string[]): Promise<string> {
    let output = await this.sendCommand('configure terminal', /\)#\s*$/);
    for (const c of commands) output += await this.sendCommand(c, /\)#\s*$/);
    output += await this.sendCommand('end');
    return output;
  }

  /** cisco_ios save_config(): `write mem`. */
  saveConfig(): Promise<string> {
    return this.sendCommand('write mem');
  }

  /** CiscoBaseConnection._autodetect_fs(): `dir`, `Directory of (.*)/`, then `dir FS` must not fail. */
  async autodetectFs(): Promise<string> {
    const prompt = await this.findPrompt();
    if (!prompt.endsWith('#')) throw new NapalmError('Must be in enable mode to auto-detect the file-system.');
    const output = await this.sendCommand('dir');
    const match = /Directory of (.*)\//.exec(output);
    if (!match?.[1]) throw new NapalmError(`An error occurred in dynamically determining remote file system: dir ${output}`);
    const check = await this.sendCommand(`dir ${match[1]}`);
    if (check.includes('% Invalid') || check.includes('%Error:')) throw new NapalmError(`dir ${match[1]}: ${check}`);
    return match[1];
  }

  // ---- Netmiko BaseFileTransfer (direction "put") ----

  /** check_file_exists() */
  private async transferFileExists(fs: string, dest: string): Promise<boolean> {
    const out = await this.sendCommand(`dir ${fs}/${dest}`);
    if (out.includes('Error opening') || out.includes('No such file or directory') || out.includes('Path does not exist')) return false;
    // Netmiko does not escape the name: `.` in merge_config.txt matches any character, as there.
    if (new RegExp(`Directory of .*${dest}`, 's').test(out)) return true;
    throw new NapalmError('Unexpected output from check_file_exists');
  }

  /** remote_md5() + process_md5(): `verify /md5 FS/FILE`, then `=\s+(\S+)`. */
  private async remoteMd5(fs: string, dest: string): Promise<string> {
    const out = await this.sendCommand(`verify /md5 ${fs}/${dest}`);
    const match = /=\s+(\S+)/.exec(out);
    if (!match?.[1]) throw new NapalmError(`Invalid output from MD5 command: ${out}`);
    return match[1];
  }

  /** remote_space_available(): `dir FS`, `(\d+) \w+ free`. */
  private async remoteSpaceAvailable(fs: string): Promise<number> {
    const out = await this.sendCommand(`dir ${fs}`);
    const match = /(\d+) \w+ free/.exec(out);
    if (!match?.[1]) throw new NapalmError(`pattern not detected in output:\n\n${out}`);
    return /kbytes/i.test(match[0]) ? Number(match[1]) * 1000 : Number(match[1]);
  }

  // ---- NAPALM IOSDriver ----

  /** The dest_file_system property: autodetected once. */
  async destFileSystem(): Promise<string> {
    this.destFileSystemCache ??= await this.autodetectFs();
    return this.destFileSystemCache;
  }

  /** _gen_full_path() */
  private async fullPath(filename: string, fileSystem?: string): Promise<string> {
    return `${fileSystem ?? (await this.destFileSystem())}/${filename}`;
  }

  /** _xfer_file() with FileTransfer: skip if present with the same MD5, check space and SCP, send, verify. */
  private async xferFile(config: string, destFile: string): Promise<[boolean, string]> {
    const fileSystem = await this.destFileSystem();
    const content = Buffer.from(config);
    const sourceMd5 = crypto.createHash('md5').update(content).digest('hex');
    if ((await this.transferFileExists(fileSystem, destFile)) && (await this.remoteMd5(fileSystem, destFile)) === sourceMd5) {
      return [true, 'File already exists and has correct MD5: no SCP needed'];
    }
    if (!((await this.remoteSpaceAvailable(fileSystem)) > content.length)) return [false, 'Insufficient space available on remote device'];
    const cmd = 'ip scp server enable';
    const output = await this.sendCommand(`show running-config | inc ${cmd}`);
    if (!output.includes(cmd)) throw new NapalmError("SCP file transfers are not enabled. Configure 'ip scp server enable' on the device.");
    // put_file(): scp_client.put(source, f"{file_system}/{dest_file}") on a second SSH connection.
    const sent = await scpPut(this.login.port, this.login, `${fileSystem}/${destFile}`, destFile, content);
    if (sent.error !== undefined) throw new NapalmError(`SCPException: ${sent.error}`);
    if ((await this.remoteMd5(fileSystem, destFile)) === sourceMd5) return [true, 'File successfully transferred to remote device'];
    return [false, 'File transfer to remote device failed'];
  }

  /** load_replace_candidate(config=...) */
  async loadReplaceCandidate(config: string): Promise<void> {
    this.configReplace = true;
    const [ok, msg] = await this.xferFile(config, this.candidateCfg);
    if (!ok) throw new NapalmError(`ReplaceConfigException: ${msg}`);
  }

  /** load_merge_candidate(config=...) */
  async loadMergeCandidate(config: string): Promise<void> {
    this.configReplace = false;
    const [ok, msg] = await this.xferFile(config, this.mergeCfg);
    if (!ok) throw new NapalmError(`MergeConfigException: ${msg}`);
  }

  /** _normalize_compare_config() (auto_file_prompt is True by default). */
  static normalizeCompareConfig(diff: string): string {
    const ignore = ['Contextual Config Diffs', 'No changes were found', 'ntp clock-period', 'file prompt quiet'];
    return diff
      .split(/\r?\n/)
      .filter((line) => !ignore.some((i) => line.includes(i)))
      .join('\n');
  }

  /** _normalize_merge_diff_incr() */
  static normalizeMergeDiffIncr(diff: string): string {
    const out: string[] = [];
    let changesFound = false;
    for (const line of diff.split(/\r?\n/)) {
      if (/order-dependent line.*re-ordered/.test(line)) changesFound = true;
      else if (line.includes('No changes were found')) {
        if (!changesFound) return '';
        continue;
      }
      if (line.trim() === 'end') continue;
      else if (line.includes('List of Commands')) continue;
      else if (line.trim() !== '') out.push(/^no\s+/.test(line.trim()) ? `-${line}` : `+${line}`);
    }
    return out.join('\n');
  }

  /** compare_config() */
  async compareConfig(): Promise<string> {
    const base = await this.fullPath('running-config', 'system:');
    const next = await this.fullPath(this.configReplace ? this.candidateCfg : this.mergeCfg, await this.destFileSystem());
    let diff: string;
    if (this.configReplace) {
      diff = NapalmIosPort.normalizeCompareConfig(await this.sendCommand(`show archive config differences ${base} ${next}`));
    } else {
      diff = await this.sendCommand(`show archive config incremental-diffs ${next} ignorecase`);
      if (diff.includes('error code 5') || diff.includes('returned error 5')) throw new NapalmError("the obscure 'error 5'");
      else if (!diff.includes('% Invalid')) diff = NapalmIosPort.normalizeMergeDiffIncr(diff);
      else throw new NapalmError(`incremental-diffs refused; NAPALM would fall back to more: ${diff}`);
    }
    return diff.trim();
  }

  /** The _file_prompt_quiet decorator. */
  private async filePromptQuiet(): Promise<void> {
    if (this.promptQuietConfigured) return;
    await this.sendConfigSet(['file prompt quiet']);
    this.promptQuietChanged = true;
    this.promptQuietConfigured = true;
  }

  /** _commit_handler(): waits for the prompt or IOS's username-removal question, answers it, resets the prompt. */
  private async commitHandler(cmd: string): Promise<string> {
    await this.filePromptQuiet();
    const currentPrompt = (await this.findPrompt()).trim();
    const terminatingChar = escapeRegex(currentPrompt.at(-1) ?? '#');
    const patterns = new RegExp(`(?:[>#${terminatingChar}]\\s*$|.*all username.*confirm)`);
    let output = await this.sendCommand(cmd, patterns);
    for (let i = 0; i < 50 && /.*all username.*confirm/.test(output); i += 1) {
      this.shell.send('\n');
      output += await this.shell.readUntil(/[>#]\s*$/);
    }
    await this.setBasePrompt();
    return output;
  }

  /** _check_archive_feature() + has_pending_commit() */
  private async hasPendingCommit(): Promise<boolean> {
    const output = await this.sendCommand('show archive');
    if (output.includes('Archive feature not enabled')) return false;
    const timer = await this.sendCommand('show archive config rollback timer');
    return !timer.includes('No Rollback Confirmed Change pending');
  }

  /** _gen_rollback_cfg() */
  private async genRollbackCfg(): Promise<void> {
    await this.filePromptQuiet();
    await this.sendCommand(`copy running-config ${await this.fullPath(this.rollbackCfg)}`);
  }

  /** _check_file_exists(): `dir FILE`; `Error opening` is no, `Directory of FILE` is yes. */
  private async checkFileExists(cfgFile: string): Promise<boolean> {
    const output = await this.sendCommand(`dir ${cfgFile}`);
    if (output.includes('Error opening')) return false;
    return output.includes(`Directory of ${cfgFile}`);
  }

  /** commit_config() (auto_rollback_on_error is True by default); answers the commit's own output. */
  async commitConfig(): Promise<string> {
    if (await this.hasPendingCommit()) throw new NapalmError('Configuration session already in progress');
    await this.genRollbackCfg();
    let output: string;
    if (this.configReplace) {
      const cfgFile = await this.fullPath(this.candidateCfg);
      if (!(await this.checkFileExists(cfgFile))) throw new NapalmError('ReplaceConfigException: Candidate config file does not exist');
      output = await this.commitHandler(`configure replace ${cfgFile} force revert trigger error`);
      const lower = output.toLowerCase();
      if (
        output.includes('original configuration has been successfully restored') ||
        lower.includes('error') ||
        lower.includes('not a valid config file') ||
        lower.includes('failed')
      ) {
        throw new NapalmError(`ReplaceConfigException: Candidate config could not be applied\n${output}`);
      } else if (output.includes('%Please turn config archive on')) {
        throw new NapalmError("napalm-ios replace() requires Cisco 'archive' feature to be enabled");
      }
    } else {
      const cfgFile = await this.fullPath(this.mergeCfg);
      if (!(await this.checkFileExists(cfgFile))) throw new NapalmError('MergeConfigException: Merge source config file does not exist');
      output = await this.commitHandler(`copy ${cfgFile} running-config`);
      if (output.includes('Invalid input detected')) {
        await this.rollback();
        throw new NapalmError(`MergeConfigException: Configuration merge failed; automatic rollback attempted:\n${output}`);
      }
    }
    this.promptQuietConfigured = undefined;
    return output + (await this.saveConfig());
  }

  /** discard_config() / _discard_config() */
  async discardConfig(): Promise<void> {
    await this.filePromptQuiet();
    await this.sendCommand(`copy running-config ${await this.fullPath(this.candidateCfg)}`);
    await this.sendCommand(`copy null: ${await this.fullPath(this.mergeCfg)}`);
  }

  /** rollback() */
  async rollback(): Promise<string> {
    const cfgFile = await this.fullPath(this.rollbackCfg);
    if (!(await this.checkFileExists(cfgFile))) throw new NapalmError('ReplaceConfigException: Rollback config file does not exist');
    const output = await this.commitHandler(`configure replace ${cfgFile} force`);
    this.promptQuietConfigured = undefined;
    await this.saveConfig();
    return output;
  }

  /** get_config(retrieve="all"): IOS's extra lines filtered out, candidate always empty. */
  async getConfig(): Promise<{ startup: string; running: string; candidate: string }> {
    const filter =
      /^Building configuration.*$|^Current configuration :.*$|^! Last configuration change at.*$|^! NVRAM config last updated at.*$/gm;
    const postprocess = (out: string): string =>
      out
        .replace(/^Load for five secs.*$/gm, '')
        .replace(/^Time source is .*$/gm, '')
        .trim();
    const startup = postprocess(await this.sendCommand('show startup-config'))
      .replace(filter, '')
      .trim();
    const running = postprocess(await this.sendCommand('show running-config'))
      .replace(filter, '')
      .trim();
    return { startup, running, candidate: '' };
  }

  /** close(): puts `file prompt quiet` back as NAPALM found it. */
  async close(): Promise<void> {
    if (this.promptQuietChanged) {
      await this.sendConfigSet(['no file prompt quiet']);
      this.promptQuietChanged = false;
      this.promptQuietConfigured = false;
    }
    this.shell.dispose();
  }

  /** The shell, for checks of the device's state outside NAPALM's own sequence. */
  command(line: string): Promise<string> {
    return this.sendCommand(line);
  }
}
