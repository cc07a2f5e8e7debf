// placeholder entry replaced by the CLI implementation
console.log('entity-timeline');
