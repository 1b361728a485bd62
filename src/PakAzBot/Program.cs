using System.Text;
using PakAzBot;

Console.OutputEncoding = new UTF8Encoding(false);
return Cli.Run(args, Console.In, Console.Out, Console.Error);
