using Concord.Host.Cli;

return await ConcordCli.RunAsync(args);
