// The colours runs are told apart by, on the equity chart and the risk/return plot alike.
export const RUN_COLORS: readonly string[] = ['#4c9aff', '#f0b90b', '#2ebd85', '#c678dd', '#f6465d', '#56b6c2'];
