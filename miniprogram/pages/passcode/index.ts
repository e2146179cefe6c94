Component({ data: {} });
