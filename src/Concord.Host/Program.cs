using Concord.Host;

return await ConcordCli.RunAsync(args);
