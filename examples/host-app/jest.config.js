/** Node tests (the plugin against the simulator) and page tests (miniprogram-simulate, in jsdom). */
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/*.test.js'],
      transform: {},
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/pages/*.test.js'],
      transform: {},
      // As in WeChat: a page's require('lockwire') finds the built miniprogram/miniprogram_npm/lockwire.
      moduleDirectories: ['miniprogram_npm', 'node_modules'],
    },
  ],
};
