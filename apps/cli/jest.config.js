// The CLI's tests run the `duban` command as a user does: each spawn takes a few seconds.
module.exports = require('../../jest.preset.js').jestProject(__dirname, { spawnsProcesses: true });
