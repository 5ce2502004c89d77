Console.WriteLine("bench placeholder");
