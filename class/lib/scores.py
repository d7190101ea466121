"""Prints an assignment's scores from the nbgrader gradebook as one JSON line:
{"<student>": {"score", "max_score", "cells": {"<grade_id>": score}}}.

Usage: python scores.py COURSE_DIR ASSIGNMENT
"""
import json
import os
import sys

from nbgrader.api import Gradebook


def main(course, assignment):
    result = {}
    with Gradebook("sqlite:///" + os.path.join(course, "gradebook.db")) as gb:
        for submission in gb.assignment_submissions(assignment):
            cells = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.cell.max_score:
                        cells[grade.cell.name] = grade.score
            result[submission.student.id] = {"score": submission.score, "max_score": submission.max_score, "cells": cells}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
