export const USAGE = `Usage: infra-learn <command> [options]

Commands:
  analyze "<problem>" [--constraint "<text>"]... [--json]
                              work out the numbers in a problem
  lesson "<problem>" [--constraint "<text>"]... [--learner KEY] [--json]
                              generate and store a lesson
  podcast <lessonId> [--provider stub|espeak|azure|elevenlabs] [--json]
                              synthesise the lesson's podcast
  export <lessonId> --out <file.html>
                              write the lesson as one offline HTML file
  concepts [--json]           list the concept catalogue
  seed                        validate content/ and load it into the database
  migrate                     apply database migrations

Options:
  --json                      print only the JSON result on stdout
  -h, --help                  show this help

Environment: DATABASE_URL (file:<path> or postgres://...), REDIS_URL, TTS_PROVIDER,
MVP_LLM_INFRA_LEARNING. A .env file in the project folder is read first.`;

/** Raised for an unknown command, flag or missing argument; the CLI prints it with the usage. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
