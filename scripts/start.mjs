// Replaced by the collector issue: builds, seeds, serves.
console.log('footfall: npm start is being built');
