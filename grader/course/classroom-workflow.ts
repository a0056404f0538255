import { LAB_STEPS, stepPoints } from '../lab/lab-rubric';

/**
 * The GitHub Classroom autograding workflow of the handout (`.github/workflows/classroom.yml`):
 * one graded entry per lab step (classroom-resources/autograding-command-grader), worth the
 * step's points, passing when `npm run check -- N --require-full-marks` earns all of them; the
 * reporter (autograding-grading-reporter, reading `<ID>_RESULTS`) adds them up. It runs in the student's repository, so a student can change it: the
 * trusted grade is the instructor's (`npm run grade -- --submission`, grader/README.md).
 */
export function classroomWorkflow(): string {
  const id = (step: number): string => `step-${step}`;
  const lines = [
    '# GitHub Classroom autograding: one entry per lab step, each worth its points (grader/lab/lab-rubric.ts).',
    "# It runs in the student's own repository, so a student can edit it: a convenience for feedback.",
    "# The grade to trust is the instructor's re-grade: npm run grade -- --submission DIR (grader/README.md).",
    'name: Autograding Tests',
    "'on':",
    '  - push',
    '  - repository_dispatch',
    'permissions:',
    '  checks: write',
    '  actions: read',
    '  contents: read',
    'jobs:',
    '  run-autograding-tests:',
    '    runs-on: ubuntu-latest',
    "    if: github.actor != 'github-classroom[bot]'",
    '    steps:',
    '      - name: Checkout code',
    '        uses: actions/checkout@v4',
    '      - name: Set up Node',
    '        uses: actions/setup-node@v4',
    '        with:',
    "          node-version: '20'",
    '      - name: Install',
    '        run: sudo apt-get update && sudo apt-get install -y bubblewrap jq && npm ci',
  ];
  for (const step of LAB_STEPS) {
    lines.push(
      `      - name: Step ${step}`,
      `        id: ${id(step)}`,
      '        uses: classroom-resources/autograding-command-grader@v1',
      '        with:',
      `          test-name: Step ${step}`,
      `          command: npm run -s check -- ${step} --require-full-marks`,
      '          timeout: 10',
      `          max-score: ${stepPoints(step)}`,
    );
  }
  lines.push(
    '      - name: Autograding Reporter',
    '        uses: classroom-resources/autograding-grading-reporter@v1',
    '        env:',
    ...LAB_STEPS.map((s) => `          ${id(s).toUpperCase()}_RESULTS: "\${{steps.${id(s)}.outputs.result}}"`),
    '        with:',
    `          runners: ${LAB_STEPS.map(id).join(',')}`,
  );
  return `${lines.join('\n')}\n`;
}
