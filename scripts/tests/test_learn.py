# SPDX-License-Identifier: GPL-2.0
"""scripts/cordon-learn: learning-mode lines become proposed lends."""
import os
import unittest

from common import SCRIPTS, run

LEARN = os.path.join(SCRIPTS, 'cordon-learn')


def learn(log):
    return run([LEARN], input=log)


def line(**kw):
    d = dict(c='brd', entry='brd_submit_bio.cordon_stub', access='w',
             object='page', size=0, arg=0, offset='0x0',
             site='brd_do_bvec+0x42/0x100')
    d.update(kw)
    return ('[    4.1] cordon: learn: compartment={c} entry={entry} access={access} '
            'object={object} size={size} arg={arg} offset={offset} site={site}\n'
            .format(**d))


class Learn(unittest.TestCase):
    def test_object_past_an_argument_becomes_a_lend(self):
        r = learn(line(c='ctest', entry='ct_write.cordon_stub', object='slab',
                       size=64, arg=1, offset='0x8') +
                  line(c='ctest', entry='ct_write.cordon_stub', object='slab',
                       size=64, arg=1, offset='0x10', access='r'))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('\nlend ct_write arg=1 access=rw size=64\n', r.stdout)
        self.assertIn('instrumentation/lends/ctest.lends', r.stdout)

    def test_page_no_argument_reaches_is_a_commented_proposal(self):
        r = learn(line())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('# lend brd_submit_bio arg=? access=rw size=bio', r.stdout)
        self.assertIn('brd_do_bvec+0x42', r.stdout)
        self.assertNotIn('\nlend ', r.stdout)

    def test_bio_it_ended_becomes_a_bio_lend_with_its_abort(self):
        r = learn(line(object='bio', arg=1, site='bio_endio'))
        self.assertIn('\nlend brd_submit_bio arg=1 access=rw size=bio abort=end\n',
                      r.stdout)

    def test_kernel_data_is_never_proposed_as_a_lend(self):
        r = learn(line(object='symbol:init_cred'))
        self.assertIn('kernel data init_cred', r.stdout)
        self.assertNotIn('\nlend ', r.stdout)

    def test_log_without_learning_lines_says_what_to_do(self):
        r = learn('[    1.0] Linux version 6.1\n')
        self.assertEqual(r.returncode, 2)
        self.assertIn('cordon=permissive', r.stderr)
        self.assertEqual(r.stdout, '')


if __name__ == '__main__':
    unittest.main()
