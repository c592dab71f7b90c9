// Runtime throughput benchmark; comes with issue 2.
Console.WriteLine("Runtime benchmark: not yet implemented.");
