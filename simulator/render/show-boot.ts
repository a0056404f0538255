/** `show boot` / `show bootvar` of a router booted in install mode from packages.conf. */
export function renderShowBoot(): string[] {
  return [
    'BOOT variable = bootflash:packages.conf,12;',
    'CONFIG_FILE variable does not exist',
    'BOOTLDR variable does not exist',
    'Configuration register is 0x2102',
    '',
    'Standby not ready to show bootvar',
    '',
  ];
}
