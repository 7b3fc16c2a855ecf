export {};
//# sourceMappingURL=emulation.js.map