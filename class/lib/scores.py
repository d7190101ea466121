"""Prints an assignment's scores from the nbgrader gradebook as one JSON line:
{"<student>": {"score", "max_score", "cells": {"<grade_id>": score}}}.

Usage: python scores.py COURSE_DIR ASSIGNMENT
ASSIGNMENT "*" prints every assignment's scores: {"<assignment>": {"<student>": ...}}.
"""
import json
import os
import sys

from nbgrader.api import Gradebook


def submissions(gb, assignment):
    result = {}
    for submission in gb.assignment_submissions(assignment):
        cells = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell.max_score:
                    cells[grade.cell.name] = grade.score
        result[submission.student.id] = {"score": submission.score, "max_score": submission.max_score, "cells": cells}
    return result


def main(course, assignment):
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        if assignment == "*":
            result = {a.name: submissions(gb, a.name) for a in gb.assignments}
        else:
            result = submissions(gb, assignment)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
