/** IOS naming rules: hostnames and interface names, read the same way by the servers and the simulator. */
export * from './ios-names';
