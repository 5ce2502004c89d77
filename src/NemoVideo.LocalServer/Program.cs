// Placeholder until the local server lands (issue 3).
var app = WebApplication.CreateBuilder(args).Build();
app.Run();
