// The operator host; the silo comes with issue 6.
Console.WriteLine("Kafka operator silo: not yet implemented.");
