# nbgrader settings for the course's TypeScript lessons (loaded by the course folder's own
# nbgrader_config.py, which `npm run class:assignment` writes).
c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "optimlab"
# The lessons run on the project's kernel, whose language is "typescript": a cleared solution leaves a
# comment, so the answer stays undefined and the lesson's own check says "not answered yet".
c.ClearSolutions.code_stub = {"typescript": "// YOUR CODE HERE"}
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
# A whole lesson executes when grading; no cell of one takes more than a few seconds alone, so a cell
# still running after this long is a student's endless loop.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True
c.Execute.kernel_name = "tslab"
