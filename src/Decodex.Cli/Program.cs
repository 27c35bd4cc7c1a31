using Decodex.Cli;

return DecodexCli.Run(args, Console.Out, Console.Error);
