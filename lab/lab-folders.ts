import path from 'node:path';

/** The settings naming where servers write: their logs and journal, config backups, trusted host keys. */
export type LabFolders = {
  LOG_DIR: string;
  BACKUP_DIR: string;
  KNOWN_HOSTS_FILE: string;
};

/**
 * LOG_DIR, BACKUP_DIR and KNOWN_HOSTS_FILE inside one folder (`logs/`, `backups/`,
 * `known_hosts`): a lab, grader or bench run in a temporary folder removes all it wrote at once.
 */
export function labFolders(dir: string): LabFolders {
  return { LOG_DIR: path.join(dir, 'logs'), BACKUP_DIR: path.join(dir, 'backups'), KNOWN_HOSTS_FILE: path.join(dir, 'known_hosts') };
}
